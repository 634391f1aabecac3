"""Serializers for the DRF recipes (docs/howto/drf.md)."""
from django.contrib.auth import get_user_model
from django.core.validators import FileExtensionValidator
from django.db import transaction
from rest_framework import serializers
from rest_framework.validators import UniqueTogetherValidator, UniqueValidator

from .models import Attachment, Note, Order, OrderLine


class NoteSerializer(serializers.ModelSerializer):
    owner = serializers.CharField(source="owner.username", read_only=True)

    class Meta:
        model = Note
        fields = ["id", "owner", "title", "body", "status", "priority", "created_at"]


class NoteV2Serializer(NoteSerializer):
    """Version 2 renames nothing and adds a field: old clients keep working on v1."""
    summary = serializers.SerializerMethodField()

    class Meta(NoteSerializer.Meta):
        fields = [*NoteSerializer.Meta.fields, "summary"]

    def get_summary(self, note) -> str:
        return note.body[:40]


# --8<-- [start:upload-serializer]
class AttachmentSerializer(serializers.ModelSerializer):
    file = serializers.FileField(
        validators=[FileExtensionValidator(["pdf", "png", "jpg", "txt"])])

    class Meta:
        model = Attachment
        fields = ["id", "file", "uploaded_at"]

    def validate_file(self, upload):
        if upload.size > 2 * 1024 * 1024:  # 2 MB
            raise serializers.ValidationError("The file is larger than 2 MB.")
        return upload
# --8<-- [end:upload-serializer]


# --8<-- [start:nested-update]
class OrderLineSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(required=False)  # sent back to update a line in place

    class Meta:
        model = OrderLine
        fields = ["id", "product", "quantity"]


class OrderSerializer(serializers.ModelSerializer):
    lines = OrderLineSerializer(many=True)

    class Meta:
        model = Order
        fields = ["id", "customer", "lines"]

    @transaction.atomic
    def create(self, validated_data):
        lines = validated_data.pop("lines")
        order = Order.objects.create(**validated_data)
        OrderLine.objects.bulk_create(OrderLine(order=order, **line) for line in lines)
        return order

    @transaction.atomic
    def update(self, order, validated_data):
        lines = validated_data.pop("lines", None)  # a PATCH without "lines" keeps them
        order = super().update(order, validated_data)  # the plain fields
        if lines is None:
            return order
        existing = {line.id: line for line in order.lines.all()}
        keep = []
        for item in lines:
            line_id = item.pop("id", None)
            if line_id is None:  # no id: a new line
                keep.append(order.lines.create(**item).id)
            elif line_id in existing:  # a known id: update that line
                line = existing[line_id]
                for field, value in item.items():
                    setattr(line, field, value)
                line.save()
                keep.append(line_id)
            else:
                raise serializers.ValidationError({"lines": [f"Line {line_id} is not part of this order."]})
        order.lines.exclude(id__in=keep).delete()  # lines left out of the list are removed
        return order
# --8<-- [end:nested-update]


# --8<-- [start:declared-field-read-only]
class LooseStatusSerializer(serializers.ModelSerializer):
    """Broken: a declared field ignores Meta.read_only_fields, so clients can still set status."""
    status = serializers.ChoiceField(choices=Note.Status.choices, required=False)

    class Meta:
        model = Note
        fields = ["id", "title", "status"]
        read_only_fields = ["status"]  # no effect on a declared field


class StatusSerializer(serializers.ModelSerializer):
    """Fixed: say read_only=True on the declared field itself."""
    status = serializers.ChoiceField(choices=Note.Status.choices, read_only=True)

    class Meta:
        model = Note
        fields = ["id", "title", "status"]
# --8<-- [end:declared-field-read-only]


# --8<-- [start:unique-validators]
class UniqueTitleSerializer(serializers.ModelSerializer):
    """No two notes may share a title (what unique=True on the model field adds by itself)."""
    title = serializers.CharField(max_length=100, validators=[
        UniqueValidator(queryset=Note.objects.all(), message="A note with this title already exists.")])

    class Meta:
        model = Note
        fields = ["id", "title", "body"]


class OwnTitleSerializer(serializers.ModelSerializer):
    """Each user's titles are unique (what unique_together or a UniqueConstraint adds by itself)."""
    owner = serializers.HiddenField(default=serializers.CurrentUserDefault())  # from request.user

    class Meta:
        model = Note
        fields = ["id", "owner", "title", "body"]
        validators = [UniqueTogetherValidator(queryset=Note.objects.all(), fields=["owner", "title"])]
# --8<-- [end:unique-validators]


# --8<-- [start:validate-methods]
class JobOfferSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=100)
    min_salary = serializers.IntegerField(min_value=0)
    max_salary = serializers.IntegerField(min_value=0)

    def validate_title(self, value):
        """One field: runs after the field's own checks, gets only its value."""
        if value.strip().lower() == "test":
            raise serializers.ValidationError("Give the job a real title.")
        return value.strip()  # what you return is what validated_data keeps

    def validate(self, attrs):
        """Several fields: runs last, and only if every field passed."""
        if attrs["min_salary"] > attrs["max_salary"]:
            # A dict puts the message under that field's key.
            raise serializers.ValidationError({"max_salary": "Must be at least min_salary."})
        if attrs["max_salary"] - attrs["min_salary"] > 100_000:
            # A plain message goes under "non_field_errors".
            raise serializers.ValidationError("The salary range is too wide.")
        return attrs
# --8<-- [end:validate-methods]


# --8<-- [start:context-hyperlinked]
class NoteLinkSerializer(serializers.HyperlinkedModelSerializer):
    is_mine = serializers.SerializerMethodField()

    class Meta:
        model = Note
        fields = ["url", "id", "title", "is_mine"]
        # The router registered basename="cookbook-note": its detail view is "cookbook-note-detail",
        # not the default "note-detail" that HyperlinkedModelSerializer would guess.
        extra_kwargs = {"url": {"view_name": "cookbook-note-detail"}}

    def get_is_mine(self, note) -> bool:
        request = self.context.get("request")  # None when the view did not pass it
        return bool(request and request.user == note.owner)
# --8<-- [end:context-hyperlinked]


# --8<-- [start:to-representation]
class NoteCardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Note
        fields = ["id", "title", "body", "status"]

    def to_representation(self, note):
        data = super().to_representation(note)  # the usual dict first
        data["status"] = note.get_status_display()  # the label on output; input still takes "draft"
        return {key: value for key, value in data.items() if value not in ("", None)}  # no empty keys
# --8<-- [end:to-representation]


# --8<-- [start:per-action-serializers]
class NoteSummarySerializer(serializers.ModelSerializer):
    """The list: a few fields per row, so a page of 50 stays small."""
    owner = serializers.CharField(source="owner.username", read_only=True)

    class Meta:
        model = Note
        fields = ["id", "title", "owner", "status"]
# --8<-- [end:per-action-serializers]


# --8<-- [start:register-typeerror]
class RegisterSerializer(serializers.ModelSerializer):
    password = serializers.CharField(write_only=True)
    password2 = serializers.CharField(write_only=True)  # a check only: the model has no such field

    class Meta:
        model = get_user_model()
        fields = ["username", "password", "password2"]

    def validate(self, attrs):
        if attrs["password"] != attrs.pop("password2"):  # pop: create() must not receive it
            raise serializers.ValidationError({"password2": "The two passwords differ."})
        return attrs

    def create(self, validated_data):
        return get_user_model().objects.create_user(**validated_data)  # hashes the password
# --8<-- [end:register-typeerror]

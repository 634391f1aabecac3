"""Serializers for the DRF recipes (docs/howto/drf.md)."""
from django.core.validators import FileExtensionValidator
from django.db import transaction
from rest_framework import serializers

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

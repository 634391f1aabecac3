from rest_framework import exceptions, serializers

from core.serializers import JSONModelSerializer, JSONSerializer

from .models import SALARY_LIMIT, Application, Company, Job


class CompanySerializer(JSONModelSerializer):
    owner = serializers.CharField(source="owner.username", read_only=True)

    class Meta:
        model = Company
        fields = ["id", "name", "website", "owner", "created_at"]
        read_only_fields = ["id", "owner", "created_at"]


# --8<-- [start:job-serializer]
class JobSerializer(JSONModelSerializer):
    company_name = serializers.CharField(source="company.name", read_only=True)
    # min_length counts the text without its outer spaces; the contract says the same (core/schema.py).
    title = serializers.CharField(max_length=200, min_length=3,
                                  error_messages={"min_length": "Use at least 3 characters."})
    salary_min = serializers.IntegerField(min_value=0, max_value=SALARY_LIMIT, required=False, allow_null=True)
    salary_max = serializers.IntegerField(min_value=0, max_value=SALARY_LIMIT, required=False, allow_null=True)

    class Meta:
        model = Job
        fields = [
            "id", "company", "company_name", "title", "slug", "description", "location",
            "is_remote", "employment_type", "salary_min", "salary_max", "status",
            "created_at", "expires_at",
        ]
        read_only_fields = ["id", "slug", "created_at"]

    def validate_title(self, value: str) -> str:
        """Field-level rule: runs for `title` only, after the model's own checks."""
        title = " ".join(value.split())  # collapse runs of whitespace
        if len(title) < 3:
            raise serializers.ValidationError("Use at least 3 characters.")
        return title

    def validate_company(self, company: Company) -> Company:
        request = self.context.get("request")
        if request is not None and company.owner_id != request.user.id:  # a 403, not bad input
            raise exceptions.PermissionDenied("You can only post jobs for your own company.")
        return company

    def validate(self, attrs: dict) -> dict:
        """Object-level rule: needs two fields, so it lives here, not in a validate_<field>."""
        # On PATCH only some fields arrive; fall back to the stored values.
        low = attrs.get("salary_min", getattr(self.instance, "salary_min", None))
        high = attrs.get("salary_max", getattr(self.instance, "salary_max", None))
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError(
                {"salary_min": "salary_min must be less than or equal to salary_max."}
            )
        return attrs
# --8<-- [end:job-serializer]


# --8<-- [start:application-serializer]
class VisibleJobField(serializers.PrimaryKeyRelatedField):
    """A job id the requesting user may see: someone else's draft is "does not exist", as a
    missing id is, so the answer never tells a draft from a job that was never posted."""

    def get_queryset(self):
        request = self.context.get("request")
        return Job.objects.select_related("company").visible_to(getattr(request, "user", None))


class ApplicationSerializer(JSONModelSerializer):
    job = VisibleJobField(queryset=Job.objects.none())
    job_title = serializers.CharField(source="job.title", read_only=True)
    applicant = serializers.CharField(source="applicant.username", read_only=True)
    cover_letter = serializers.CharField(max_length=5000, required=False, allow_blank=True)

    class Meta:
        model = Application
        fields = ["id", "job", "job_title", "applicant", "cover_letter", "status", "created_at"]
        # Applicants cannot set their own status; recruiters use a separate serializer.
        read_only_fields = ["id", "applicant", "status", "created_at"]

    def validate_job(self, job: Job) -> Job:
        if job.status != Job.Status.OPEN:
            raise serializers.ValidationError("This job is not accepting applications.", code="closed")
        return job


class ApplicationStatusSerializer(JSONModelSerializer):
    """What the job's recruiter may change on an application: its status only."""

    class Meta:
        model = Application
        fields = ["id", "status"]
        read_only_fields = ["id"]
# --8<-- [end:application-serializer]


class ApplyToJobSerializer(JSONSerializer):
    cover_letter = serializers.CharField(max_length=5000, required=False, allow_blank=True)

"""A writable nested serializer: one POST creates a company and its first jobs (tech/drf.md)."""
import pytest
from django.db import transaction
from rest_framework import serializers

from jobs.models import Company, Job


# --8<-- [start:writable-nested]
class NestedJobSerializer(serializers.ModelSerializer):
    class Meta:
        model = Job
        fields = ["id", "title", "description", "location"]


class CompanyWithJobsSerializer(serializers.ModelSerializer):
    jobs = NestedJobSerializer(many=True)  # writable: DRF validates each item, we save them

    class Meta:
        model = Company
        fields = ["id", "name", "website", "jobs"]

    def create(self, validated_data):
        jobs = validated_data.pop("jobs")  # the nested part is plain dicts, not a model field
        with transaction.atomic():  # all rows or none: no company left without its jobs
            company = Company.objects.create(**validated_data)
            for job in jobs:
                Job.objects.create(company=company, **job)
        return company

    def update(self, instance, validated_data):
        # Nested updates need a rule (replace? merge by id?). This API only renames the company.
        if "jobs" in validated_data:
            raise serializers.ValidationError({"jobs": "Update jobs through /api/jobs/."})
        return super().update(instance, validated_data)
# --8<-- [end:writable-nested]


# --8<-- [start:test-writable-nested]
@pytest.mark.django_db
def test_one_post_creates_the_company_and_its_jobs(recruiter):
    data = {"name": "Blue Nile Tech", "jobs": [
        {"title": "Backend Intern", "description": "Django and DRF."},
        {"title": "DevOps Intern", "description": "Docker.", "location": "Remote"},
    ]}
    serializer = CompanyWithJobsSerializer(data=data)
    assert serializer.is_valid(), serializer.errors
    company = serializer.save(owner=recruiter)  # extra kwargs reach create() in validated_data

    assert sorted(company.jobs.values_list("title", flat=True)) == ["Backend Intern", "DevOps Intern"]
    assert [job["title"] for job in CompanyWithJobsSerializer(company).data["jobs"]]


@pytest.mark.django_db
def test_an_invalid_nested_item_saves_nothing():
    serializer = CompanyWithJobsSerializer(data={"name": "Half Co", "jobs": [{"title": "No description"}]})
    assert not serializer.is_valid()
    assert serializer.errors["jobs"][0]["description"] == ["This field is required."]  # item 0 of jobs
    assert not Company.objects.filter(name="Half Co").exists()
# --8<-- [end:test-writable-nested]


@pytest.mark.django_db
def test_a_failing_job_rolls_back_the_company(recruiter):
    serializer = CompanyWithJobsSerializer(data={"name": "Rollback Co", "jobs": [{"title": "T", "description": "d"}]})
    assert serializer.is_valid()
    with pytest.raises(TypeError):  # an unexpected field reaches Job(): the atomic block undoes the company
        serializer.save(owner=recruiter, jobs=[{"title": "T", "description": "d", "salary": 1}])
    assert not Company.objects.filter(name="Rollback Co").exists()

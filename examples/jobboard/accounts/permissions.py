"""Role and object permissions for the Job Board API."""
from rest_framework import permissions


# --8<-- [start:role-permissions]
class IsRecruiter(permissions.BasePermission):
    """Allow the request only for an authenticated user with the recruiter role."""

    message = "Only recruiters can do this."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.role == "recruiter")


class IsApplicant(permissions.BasePermission):
    """Allow the request only for an authenticated user with the applicant role."""

    message = "Only applicants can do this."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.role == "applicant")
# --8<-- [end:role-permissions]


# --8<-- [start:object-permissions]
class IsCompanyOwner(permissions.BasePermission):
    """Anyone may read; only the owner of the job's company may change it.

    DRF calls has_object_permission() after get_object() has loaded the row,
    so list views are not affected: filter querysets for those instead.
    """

    message = "Only the company owner can change this job."

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        company = getattr(obj, "company", obj)
        return company.owner_id == request.user.id


class IsApplicationOwnerOrRecruiter(permissions.BasePermission):
    """An applicant sees only their own application; the job's recruiter sees all of them."""

    message = "You cannot access this application."

    def has_object_permission(self, request, view, obj) -> bool:
        user = request.user
        if obj.applicant_id == user.id:
            return True
        return obj.job.company.owner_id == user.id
# --8<-- [end:object-permissions]

"""Owner-only editing (docs/howto/drf.md#drf-owner-only)."""
from rest_framework import permissions


# --8<-- [start:owner-permission]
class IsOwnerOrReadOnly(permissions.BasePermission):
    """Anyone may read; only the note's owner may change or delete it."""
    message = "Only the owner can change this note."

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:  # GET, HEAD, OPTIONS
            return True
        return obj.owner_id == request.user.id
# --8<-- [end:owner-permission]

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import User


@admin.register(User)
class JobBoardUserAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + (("Job Board", {"fields": ("role",)}),)
    list_display = ("username", "email", "role", "is_staff")

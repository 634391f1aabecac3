from django.contrib import admin

from .models import BlockedIP


@admin.register(BlockedIP)
class BlockedIPAdmin(admin.ModelAdmin):
    list_display = ("ip_address", "reason", "created_at")
    search_fields = ("ip_address", "reason")

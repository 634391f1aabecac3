from django.contrib import admin

from .models import Payment


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ("tx_ref", "user", "amount", "currency", "status", "created_at")
    list_filter = ("status", "currency")

"""The admin of docs/howto/django.md: list columns, filters, search, read-only fields, inlines,
and a custom action."""
from django.contrib import admin, messages
from django.utils.translation import ngettext

from .models import Company, Posting

# --8<-- [start:site-header]
admin.site.site_header = "Job Board administration"  # the bar on every page and the login form
admin.site.site_title = "Job Board admin"  # the end of the browser tab's title
admin.site.index_title = "Dashboard"  # the heading of the admin's home page
# --8<-- [end:site-header]


# --8<-- [start:list]
class PostingInline(admin.TabularInline):
    model = Posting
    fields = ["title", "status"]
    extra = 0  # no empty rows; staff click "Add another Posting"


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    inlines = [PostingInline]  # edit a company's postings on the company's page


@admin.register(Posting)
class PostingAdmin(admin.ModelAdmin):
    list_display = ["title", "company", "status", "skill_list", "created"]
    list_filter = ["status", "company", "created"]  # the sidebar on the right
    search_fields = ["title", "company__name"]  # a foreign key needs __<field>
    readonly_fields = ["created"]  # auto_now_add fields are shown only here
    list_select_related = ["company"]  # one query for the company column
    actions = ["close_postings"]

    @admin.display(description="Skills")
    def skill_list(self, obj):
        # A ManyToManyField cannot be a column (admin.E109): show it with a method.
        return ", ".join(skill.name for skill in obj.skills.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("skills")
    # --8<-- [end:list]

    # --8<-- [start:action]
    @admin.action(description="Close selected postings", permissions=["change"])
    def close_postings(self, request, queryset):
        updated = queryset.update(status=Posting.Status.CLOSED)  # one UPDATE, no save() calls
        self.message_user(
            request,
            ngettext("%d posting was closed.", "%d postings were closed.", updated) % updated,
            messages.SUCCESS,
        )
    # --8<-- [end:action]

"""Texts and case examples belong to a report period (from, to), not to a start year.

Existing rows keep their words: each gets the office's report period that starts in its year
(with the office's first month at the time of the migration), so a calendar-year office's
2024 texts become 1 January – 31 December 2024, and an April office's 2024 texts become
1 April 2024 – 31 March 2025.
"""

import datetime

from django.db import migrations, models


def _period(year: int, start_month: int) -> tuple[datetime.date, datetime.date]:
    """The office's report year starting in `year` (as `report_period_for_year` then had it)."""
    start = datetime.date(year, start_month, 1)
    following = datetime.date(year + 1, start_month, 1)
    return start, following - datetime.timedelta(days=1)


def to_periods(apps, schema_editor):
    office = apps.get_model("organisation", "Office").objects.filter(pk=1).first()
    start_month = office.report_period_start_month if office else 1
    for name in ("ReportText", "CaseExample"):
        model = apps.get_model("report_content", name)
        for row in model.objects.all():
            row.period_start, row.period_end = _period(row.year, start_month)
            row.save(update_fields=["period_start", "period_end"])


def to_years(apps, schema_editor):
    for name in ("ReportText", "CaseExample"):
        model = apps.get_model("report_content", name)
        for row in model.objects.all():
            row.year = row.period_start.year
            row.save(update_fields=["year"])


class Migration(migrations.Migration):

    dependencies = [
        ("organisation", "0005_report_retention"),
        ("report_content", "0001_texts_and_case_examples"),
    ]

    operations = [
        migrations.AddField(
            model_name="reporttext",
            name="period_start",
            field=models.DateField(null=True, verbose_name="report period from"),
        ),
        migrations.AddField(
            model_name="reporttext",
            name="period_end",
            field=models.DateField(null=True, verbose_name="report period to"),
        ),
        migrations.AddField(
            model_name="caseexample",
            name="period_start",
            field=models.DateField(null=True, verbose_name="report period from"),
        ),
        migrations.AddField(
            model_name="caseexample",
            name="period_end",
            field=models.DateField(null=True, verbose_name="report period to"),
        ),
        migrations.AlterField(
            model_name="reporttext",
            name="year",
            field=models.PositiveSmallIntegerField(null=True, verbose_name="report year"),
        ),
        migrations.AlterField(
            model_name="caseexample",
            name="year",
            field=models.PositiveSmallIntegerField(null=True, verbose_name="report year"),
        ),
        migrations.RunPython(to_periods, to_years),
        migrations.RemoveConstraint(model_name="reporttext", name="report_text_unique_section"),
        migrations.RemoveConstraint(
            model_name="reporttext", name="report_text_unique_area_section"
        ),
        migrations.RemoveIndex(model_name="caseexample", name="case_example_year"),
        migrations.RemoveField(model_name="reporttext", name="year"),
        migrations.RemoveField(model_name="caseexample", name="year"),
        migrations.AlterField(
            model_name="reporttext",
            name="period_start",
            field=models.DateField(verbose_name="report period from"),
        ),
        migrations.AlterField(
            model_name="reporttext",
            name="period_end",
            field=models.DateField(verbose_name="report period to"),
        ),
        migrations.AlterField(
            model_name="caseexample",
            name="period_start",
            field=models.DateField(verbose_name="report period from"),
        ),
        migrations.AlterField(
            model_name="caseexample",
            name="period_end",
            field=models.DateField(verbose_name="report period to"),
        ),
        migrations.AlterModelOptions(
            name="reporttext",
            options={
                "ordering": ["period_start", "section", "area__sort_order"],
                "verbose_name": "report text",
                "verbose_name_plural": "report texts",
            },
        ),
        migrations.AlterModelOptions(
            name="caseexample",
            options={
                "ordering": ["period_start", "position", "id"],
                "verbose_name": "case example",
                "verbose_name_plural": "case examples",
            },
        ),
        migrations.AddConstraint(
            model_name="reporttext",
            constraint=models.UniqueConstraint(
                condition=models.Q(area__isnull=True),
                fields=("period_start", "period_end", "section"),
                name="report_text_unique_section",
            ),
        ),
        migrations.AddConstraint(
            model_name="reporttext",
            constraint=models.UniqueConstraint(
                condition=models.Q(area__isnull=False),
                fields=("period_start", "period_end", "section", "area"),
                name="report_text_unique_area_section",
            ),
        ),
        migrations.AddConstraint(
            model_name="reporttext",
            constraint=models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="report_text_period_order",
            ),
        ),
        migrations.AddIndex(
            model_name="caseexample",
            index=models.Index(
                fields=["period_start", "period_end", "status", "position"],
                name="case_example_period",
            ),
        ),
        migrations.AddConstraint(
            model_name="caseexample",
            constraint=models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="case_example_period_order",
            ),
        ),
    ]

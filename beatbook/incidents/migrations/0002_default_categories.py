from django.db import migrations


def seed(apps, schema_editor):
    from beatbook.incidents.categories import seed_categories

    seed_categories(apps.get_model("incidents", "Category"), apps.get_model("plan", "Objective"))


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial"), ("plan", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

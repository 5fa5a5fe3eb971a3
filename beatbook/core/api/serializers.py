from rest_framework import serializers


class BeatbookModelSerializer(serializers.ModelSerializer):
    """Adds ``display`` (the record's name) and marks demo data as synthetic in every response."""

    display = serializers.SerializerMethodField()

    def get_display(self, obj) -> str:
        return str(obj)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        # Run model-level validation (clean) so the API refuses what the forms refuse.
        instance = self.Meta.model(**{k: v for k, v in attrs.items() if not isinstance(v, list)})
        if self.instance is not None:
            for field in self.Meta.model._meta.concrete_fields:
                if field.attname not in attrs and field.name not in attrs:
                    setattr(instance, field.attname, getattr(self.instance, field.attname))
        from django.core.exceptions import ValidationError as DjangoValidationError

        try:
            instance.clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(
                exc.message_dict if hasattr(exc, "message_dict") else exc.messages
            )
        return attrs

"""JSON for how a work was made: its production statements, by kind, each with its sources.

The statements come from the film's `production_statements` prefetch (for_api_detail),
so a film's entry costs two queries more, whatever the number of statements.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import ReadSerializer
from films.api.refs import SourceRefSerializer
from films.models import ProductionStatement, digital_source_type_uri, grouped, statements_of
from people.api.serializers import PersonRefSerializer

COMMON = ["note", "note_zh", "confidence", "about_project", "citations"]


class StatementSerializer(ReadSerializer):
    citations = SourceRefSerializer(
        source="sources", many=True, read_only=True, help_text="The sources that say it."
    )

    class Meta:
        model = ProductionStatement
        fields = COMMON
        read_only_fields = fields


class ToolSerializer(StatementSerializer):
    """A Keling feature the work used; the model version only where a source gives it."""

    class Meta(StatementSerializer.Meta):
        fields = ["feature", "model_version", *COMMON]
        read_only_fields = fields


class StageSerializer(StatementSerializer):
    """A stage of the making and who did it (empty when no source says)."""

    class Meta(StatementSerializer.Meta):
        fields = ["stage", "done_by", *COMMON]
        read_only_fields = fields


class TeamSerializer(StatementSerializer):
    """A member of the team (a person entry, else a name) or the team's size."""

    person = PersonRefSerializer(read_only=True, allow_null=True)

    class Meta(StatementSerializer.Meta):
        fields = ["person", "name", "name_zh", "role", "team_size", *COMMON]
        read_only_fields = fields


class TimeCostSerializer(StatementSerializer):
    """How long the making took or what it cost, as the statement says."""

    class Meta(StatementSerializer.Meta):
        fields = ["measure", *COMMON]
        read_only_fields = fields


class InspirationSerializer(StatementSerializer):
    """A work the film is inspired by, or based on only where a source says so."""

    person = PersonRefSerializer(read_only=True, allow_null=True)

    class Meta(StatementSerializer.Meta):
        fields = ["relation", "work_title", "work_title_zh", "person", "name", "name_zh", *COMMON]
        read_only_fields = fields


class OriginSerializer(StatementSerializer):
    """Where the images come from, as an IPTC digital source type."""

    digital_source_type_uri = serializers.CharField(read_only=True)

    class Meta(StatementSerializer.Meta):
        fields = ["digital_source_type", "digital_source_type_uri", *COMMON]
        read_only_fields = fields


class ProductionSerializer(serializers.Serializer):
    """How the work was made, as far as the sources say: an empty list is a silence."""

    tools = ToolSerializer(source="tool", many=True, read_only=True)
    stages = StageSerializer(source="stage", many=True, read_only=True)
    team = TeamSerializer(many=True, read_only=True)
    time_and_cost = TimeCostSerializer(source="time_cost", many=True, read_only=True)
    inspirations = InspirationSerializer(source="inspiration", many=True, read_only=True)
    origin = OriginSerializer(many=True, read_only=True)
    digital_source_type = serializers.CharField(
        read_only=True,
        help_text="The IPTC digital source type URI the sourced origin statements support, "
        "or empty.",
    )


@extend_schema_field(ProductionSerializer)
class ProductionField(serializers.Field):
    """A film's production record, read from its statements."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, film):
        statements = statements_of(film)
        record = {**grouped(statements), "digital_source_type": digital_source_type_uri(statements)}
        return ProductionSerializer(record, context=self.context).data

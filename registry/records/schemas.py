"""Public output schemas of published records. Nothing private (submitter identity, reviewer
notes, tokens) is ever a field here."""

from __future__ import annotations

from marshmallow import Schema, fields


class SourceSchema(Schema):
    url = fields.String(allow_none=True, metadata={"example": "https://unionsforsinglepayer.org/"})
    archived_url = fields.String(allow_none=True)
    document = fields.Method("document_url", allow_none=True,
                             metadata={"description": "Download address of an uploaded PDF."})
    title = fields.String(allow_none=True)
    publisher = fields.String(allow_none=True)
    is_primary = fields.Boolean()
    published_on = fields.Date(allow_none=True)

    def document_url(self, source) -> str | None:
        return f"/documents/{source.document_sha256}" if source.document_sha256 else None


class BillSchema(Schema):
    code = fields.String(metadata={"example": "HR 676"})
    slug = fields.String()
    congress = fields.Integer(allow_none=True)
    jurisdiction = fields.String()
    chamber = fields.String(allow_none=True)
    title = fields.String()
    sponsor = fields.String(allow_none=True)
    introduced_on = fields.Date(allow_none=True)
    family = fields.String()
    predecessor = fields.Function(lambda bill: bill.predecessor.code if bill.predecessor else None,
                                  allow_none=True)
    source_url = fields.String()


class ResolutionSchema(Schema):
    id = fields.Integer(dump_only=True)
    body = fields.Function(lambda r: r.body.slug, metadata={"description": "Slug of the body."})
    bill = fields.Function(lambda r: r.bill.code if r.bill else None, allow_none=True)
    bill_as_reported = fields.String(allow_none=True)
    stance = fields.String()
    adopted_on = fields.Date(allow_none=True)
    date_precision = fields.String(allow_none=True)
    date_kind = fields.String(allow_none=True, metadata={
        "description": "`adopted`: the vote date; `reported`: only the date it was reported."})
    title = fields.String()
    summary = fields.String(allow_none=True)
    commitments = fields.List(fields.String())
    evidence_level = fields.String()
    credited_to = fields.String(allow_none=True)
    published_at = fields.DateTime(dump_only=True)
    sources = fields.List(fields.Nested(SourceSchema))


class ActionSchema(Schema):
    id = fields.Integer(dump_only=True)
    body = fields.Function(lambda a: a.body.slug)
    kind = fields.String()
    occurred_on = fields.Date(allow_none=True)
    date_precision = fields.String(allow_none=True)
    description = fields.String()
    participants = fields.Integer(allow_none=True)
    amount_usd = fields.Decimal(allow_none=True, as_string=True)
    bill = fields.Function(lambda a: a.bill.code if a.bill else None, allow_none=True)
    evidence_level = fields.String()
    credited_to = fields.String(allow_none=True)
    published_at = fields.DateTime(dump_only=True)
    sources = fields.List(fields.Nested(SourceSchema))

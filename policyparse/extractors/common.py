"""The fields every extractor reads the same way: metadata, measures, references, attachments.

These do not depend on word segmentation, so ``rules`` and ``jieba`` share them.
"""

from __future__ import annotations

from ..document import NormalizedDocument
from ..layout import Layout
from .attachments import find_attachments
from .base import Fields
from .measures import find_measures
from .metadata import (
    find_contact,
    find_copy_to,
    find_printed,
    find_disclosure,
    find_doc_number,
    find_doc_type,
    find_issue_date,
    find_issuers,
    find_publish_date,
    find_recipients,
    find_title,
)
from .references import find_references


def shared_fields(doc: NormalizedDocument, layout: Layout) -> Fields:
    """Metadata, the measure tree, references and attachments."""
    f = Fields()
    f.title = find_title(doc, layout)
    f.doc_type = find_doc_type(f.title)
    f.doc_number, warnings = find_doc_number(doc, layout)
    f.warnings += warnings
    f.issuers = find_issuers(doc, layout, f.title, f.doc_number)
    f.recipients = find_recipients(doc, layout)
    f.issue_date = find_issue_date(doc, layout)
    f.publish_date = find_publish_date(doc)
    f.disclosure = find_disclosure(doc, layout)
    f.contact = find_contact(doc, layout)
    f.copy_to = find_copy_to(doc, layout)
    f.printed_by, f.printed_date = find_printed(doc, layout)
    f.measures, warnings = find_measures(doc, layout)
    f.warnings += warnings
    f.references = find_references(doc, layout, f.title, f.doc_number, f.measures)
    f.attachments = find_attachments(doc, layout)
    return f

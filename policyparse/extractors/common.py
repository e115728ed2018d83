"""The steps every extractor runs the same way: metadata, measures, references, attachments.

They do not depend on word segmentation, so ``rules`` and ``jieba`` share them. The
order matters: a step may read the fields filled before it (the 文种 reads the title,
references read the title, the 文号 and the measures).
"""

from __future__ import annotations

from .attachments import find_attachments
from .base import Step
from .measures import find_measures
from .metadata import (
    find_contact,
    find_copy_to,
    find_disclosure,
    find_doc_number,
    find_doc_type,
    find_issue_date,
    find_issuers,
    find_printed_by,
    find_printed_date,
    find_publish_date,
    find_recipients,
    find_title,
)
from .references import find_references

SHARED_STEPS: tuple[Step, ...] = (
    Step("title", find_title),
    Step("doc_type", find_doc_type),
    Step("doc_number", find_doc_number),
    Step("issuers", find_issuers),
    Step("recipients", find_recipients),
    Step("issue_date", find_issue_date),
    Step("publish_date", find_publish_date),
    Step("disclosure", find_disclosure),
    Step("contact", find_contact),
    Step("copy_to", find_copy_to),
    Step("printed_by", find_printed_by),
    Step("printed_date", find_printed_date),
    Step("measures", find_measures),
    Step("references", find_references),
    Step("attachments", find_attachments),
)

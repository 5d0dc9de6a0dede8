"""`clerkbot import`: a council's own policy document(s) (PDF, Word, web page, text) turned
into a policy file in knowledge/policies/FORMAT.md, wording verbatim, with a report of
what was found, removed and rejoined."""

from knowledge.importing.convert import Imported, convert
from knowledge.importing.read import UnusableDocumentError, read

__all__ = ["Imported", "UnusableDocumentError", "convert", "read"]

"""Score leads with a leadscore model bundle in Python: the same probability, score and tier as
`leadscore score`, for batch jobs such as a Spark pandas UDF. See README.md."""
from .bundle import Bundle
from .errors import BundleFormatError, LeadInputError
from .scored_leads import ScoredLeads

__all__ = ["Bundle", "BundleFormatError", "LeadInputError", "ScoredLeads"]
__version__ = "0.1.0"

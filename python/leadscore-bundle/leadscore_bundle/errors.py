"""Errors a user can act on: which file and field, what is wrong, and what to do."""


class BundleFormatError(Exception):
    """A bundle this package cannot read: a file missing, changed, or of a format it does not know."""

    def __init__(self, source, field, problem, fix):
        self.source, self.field, self.problem, self.fix = source, field, problem, fix
        where = f"{source}, {field}" if field else source
        super().__init__(f"{where}: {problem}. Fix: {fix}")


class LeadInputError(Exception):
    """Leads that cannot be scored at all (a required column is absent), naming the columns."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))

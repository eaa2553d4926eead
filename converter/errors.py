"""Errors a user can cause (bad input) as opposed to bugs."""


class FolioError(Exception):
    """A problem with the user's input: shown as one line, never as a traceback."""

    def __init__(self, path, problem):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")

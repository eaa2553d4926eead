"""What `folio check` runs on finished files: each check has a stable code and one message per problem."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    code: str
    message: str

    def __str__(self):
        return f"{self.code}: {self.message}"

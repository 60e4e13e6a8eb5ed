"""Rebuild the folder of real articles' texts from their URLs.

    python -m etl.evaluation.fetch tests/gold/real/articles.yaml [tests/gold/real/texts]

For each article whose text file is missing, the page is downloaded and its main text
extracted (trafilatura), and the first TEXT_CHARACTERS characters are kept: the gold
facts were annotated on the beginning of each page, where the facts are. A page that
cannot be fetched is listed and skipped; `cmw eval` then skips and counts it too.
Pages change and go away, so a rebuilt folder may score differently from the one the
figures in README.md were measured on.
"""

from __future__ import annotations

import sys
import urllib.request
from pathlib import Path

import yaml

from etl.evaluation.gold import article_file_name

TEXT_CHARACTERS = 2000
MAX_PAGE_BYTES = 5_000_000
USER_AGENT = "critical-minerals-warehouse gold-set rebuild"


def fetch_missing(facts: Path, texts: Path) -> tuple[int, list[str]]:
    """Fetch every missing text; returns (fetched count, URLs that failed)."""
    import trafilatura  # imported late: slow to import

    texts.mkdir(parents=True, exist_ok=True)
    fetched, failed = 0, []
    for article in yaml.safe_load(facts.read_text(encoding="utf-8"))["articles"]:
        target = texts / article_file_name(article["url"])
        if target.exists():
            continue
        page = _download(article["url"])
        text = trafilatura.extract(page, include_comments=False) if page else None
        if not text:
            failed.append(article["url"])
            continue
        target.write_text(text[:TEXT_CHARACTERS], encoding="utf-8")
        fetched += 1
    return fetched, failed


def _download(url: str) -> str | None:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            charset = response.headers.get_content_charset() or "utf-8"
            return response.read(MAX_PAGE_BYTES).decode(charset, "replace")
    except (OSError, ValueError):
        return None


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    facts = Path(argv[0])
    texts = Path(argv[1]) if len(argv) > 1 else facts.parent / "texts"
    fetched, failed = fetch_missing(facts, texts)
    print(f"{fetched} texts fetched into {texts}; {len(failed)} could not be fetched")
    for url in failed:
        print(f"  not fetched: {url}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

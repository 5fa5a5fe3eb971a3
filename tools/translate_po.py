"""Fill a zh_Hant catalogue from a JSON dictionary of msgid -> translation (a translator's helper).

Usage: python tools/translate_po.py path/to/django.po translations.json
Entries already translated are kept; the script lists what is still untranslated.
"""

from __future__ import annotations

import json
import sys

import polib


def main(po_path: str, table_path: str) -> int:
    po = polib.pofile(po_path)
    with open(table_path, encoding="utf-8") as fh:
        table = json.load(fh)
    for entry in po:
        if entry.msgid in table and not entry.msgstr:
            entry.msgstr = table[entry.msgid]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save(po_path)
    missing = [e.msgid for e in po.untranslated_entries()]
    for msgid in missing:
        print("untranslated:", msgid)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))

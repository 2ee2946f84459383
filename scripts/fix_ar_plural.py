"""Give every Arabic catalog the correct CLDR plural rule.

Babel writes `n%100>=0 && n%100<=2 ? 4` for Arabic (python-babel #816); the right
form for 11–99 is `n%100>=11 ? 4`. Run after extract/update.
"""
from pathlib import Path

from babel.messages.pofile import read_po, write_po

AR_PLURAL_EXPR = ("(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
                  "n%100>=11 ? 4 : 5)")


def main():
    for po in sorted(Path(__file__).resolve().parent.parent.glob("translations/ar/LC_MESSAGES/*.po")):
        with po.open("rb") as f:
            catalog = read_po(f, locale="ar")
        catalog._num_plurals = 6
        catalog._plural_expr = AR_PLURAL_EXPR
        with po.open("wb") as f:
            write_po(f, catalog, width=100)


if __name__ == "__main__":
    main()

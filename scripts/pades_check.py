#!/usr/bin/env python3
"""Validates a PDF's signature with pyHanko (an independent PAdES validator), the bank's root as
the only trust anchor, offline. Prints one JSON line: intact, valid, trusted, coverage, signer.
Usage: scripts/pades_check.py FILE.pdf ROOT.pem"""
import json
import sys

from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

path, root_path = sys.argv[1], sys.argv[2]
context = ValidationContext(trust_roots=[load_cert_from_pemder(root_path)], allow_fetching=False, revocation_mode="soft-fail")
with open(path, "rb") as f:
    reader = PdfFileReader(f, strict=False)
    signatures = reader.embedded_signatures
    if not signatures:
        print(json.dumps({"signatures": 0}))
        sys.exit(0)
    status = validate_pdf_signature(signatures[-1], context)
    print(json.dumps({
        "signatures": len(signatures),
        "intact": bool(status.intact),
        "valid": bool(status.valid),
        "trusted": bool(status.trusted),
        "coverage": status.coverage.name if status.coverage else None,
        "bottomLine": bool(status.bottom_line),
        "signer": status.signing_cert.subject.human_friendly,
        "subFilter": signatures[-1].sig_object.get("/SubFilter"),
    }, ensure_ascii=False))

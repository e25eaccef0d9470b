#!/usr/bin/env python3
"""Sanity checks for posts.jsonl: parses, fields, categories, NHS-number checksums."""
import json, re, sys, collections, os
CATS = {"nhs-number","phone-number","patient-identifier","workplace-photo","insult","negative-reply",
        "colleague-criticism","confidential-info","security-arrangements","legal-risk","copyright",
        "insecure-messaging","media-contact","safeguarding","official-capacity"}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "posts.jsonl")
posts = [json.loads(l) for l in open(path, encoding="utf-8")]

def mod11(s):
    d = [int(c) for c in s]
    c = 11 - sum(a*w for a, w in zip(d[:9], range(10, 1, -1))) % 11
    c = 0 if c == 11 else c
    return c != 10 and c == d[9]

def ten_digit_runs(text):
    # digits optionally separated by single spaces or hyphens, exactly 10 digits long
    out = []
    for m in re.finditer(r"(?<![\d+])\d(?:[ -]?\d)+(?![\d])", text):
        digits = re.sub(r"\D", "", m.group())
        if len(digits) == 10:
            out.append(digits)
    return out

errs = []
ids = set()
cnt = collections.Counter()
for p in posts:
    for k in ("id", "channel", "account", "text", "expect", "why"):
        if k not in p: errs.append((p.get("id"), "missing " + k))
    if p["id"] in ids: errs.append((p["id"], "dup id"))
    ids.add(p["id"])
    if p["channel"] not in {"twitter","facebook","instagram","linkedin","tiktok"}: errs.append((p["id"], "channel"))
    if p["account"] not in {"personal","corporate"}: errs.append((p["id"], "account"))
    for e in p["expect"]:
        if e not in CATS: errs.append((p["id"], "bad category " + e))
    if p["expect"]:
        for e in p["expect"]: cnt[e] += 1
    else:
        cnt["(clean)"] += 1
    blob = " ".join([p["text"]] + [m.get("alt_text", "") for m in p.get("media", [])])
    runs = ten_digit_runs(blob)
    if "nhs-number" in p["expect"]:
        valid = [r for r in runs if mod11(r)]
        invalid = [r for r in runs if not mod11(r)]
        if "invalid" in p["why"] or "mis-keyed" in p["why"]:
            if not invalid: errs.append((p["id"], "labelled invalid but no invalid 10-digit run"))
        if not ("invalid" in p["why"] or "mis-keyed" in p["why"]) and (invalid or not valid):
            errs.append((p["id"], "labelled valid but runs %s" % runs))
        print(p["id"], "NHS", ["%s:%s" % (r, "valid" if mod11(r) else "INVALID") for r in runs])
    else:
        for r in runs:
            if mod11(r): errs.append((p["id"], "unlabelled post has mod-11-valid 10-digit run " + r))
print()
for k in sorted(CATS) + ["(clean)"]:
    print("%-22s %d" % (k, cnt[k]))
print("total posts", len(posts), " positives", len(posts) - cnt["(clean)"])
print("channels", collections.Counter(p["channel"] for p in posts))
print("accounts", collections.Counter(p["account"] for p in posts))
print("multi-label", sum(1 for p in posts if len(p["expect"]) > 1))
print("ERRORS", errs if errs else "none")
sys.exit(1 if errs else 0)

#!/usr/bin/env python3
"""Validate holdout7 posts.jsonl: JSON, ids, fields, categories, NHS checksums, phone ranges, counts."""
import json, re, sys
from collections import Counter

CATS = ["nhs-number","phone-number","patient-identifier","workplace-photo","insult","negative-reply",
        "colleague-criticism","confidential-info","security-arrangements","legal-risk","copyright",
        "insecure-messaging","media-contact","safeguarding","official-capacity"]
CHANNELS = {"twitter","facebook","instagram","linkedin","tiktok"}
WORDS = {w:i for i,w in enumerate("zero one two three four five six seven eight nine".split())}

def nhs_valid(n):
    if len(n) != 10 or not n.isdigit(): return False
    s = sum(int(c)*w for c, w in zip(n[:9], range(10, 1, -1)))
    c = 11 - s % 11
    if c == 11: c = 0
    return c != 10 and c == int(n[9])

def digit_runs(text):
    # digit groups joined by single spaces or hyphens, merged
    for m in re.finditer(r'\d+(?:[ -]\d+)*', text):
        yield re.sub(r'[ -]', '', m.group())
    # also sliding windows of groups so "ref 483 016 6134 for" etc. are covered
    for m in re.finditer(r'(?<!\d)(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?!\d)', text):
        yield ''.join(m.groups())
    # numbers spelled out as words
    toks = re.findall(r'[a-z]+', text.lower())
    run = []
    for t in toks + ['#']:
        if t in WORDS: run.append(str(WORDS[t]))
        else:
            if run: yield ''.join(run)
            run = []

def valid_nhs_in(text):
    found = set()
    for r in digit_runs(text):
        if len(r) == 10 and nhs_valid(r): found.add(r)
    return found

ALLOWED_PHONE = [r'07700 ?900 ?\d{3}', r'01632 ?960 ?\d{3}', r'0113 ?496 ?0\d{3}', r'020 ?7946 ?0\d{3}',
                 r'01803 217398', r'01803 656676', r'116 123', r'0800 1111']

def main(path):
    errs = []; ids = set(); cat = Counter(); n = clean = multi = corp = rt = media = 0
    lengths = []
    with open(path, encoding='utf-8') as f:
        for ln, line in enumerate(f, 1):
            try: d = json.loads(line)
            except Exception as e: errs.append(f"line {ln}: bad JSON {e}"); continue
            n += 1
            i = d.get('id')
            if i in ids: errs.append(f"dup id {i}")
            ids.add(i)
            if i != f"h7-{ln:03d}": errs.append(f"line {ln}: id {i} out of sequence")
            if d.get('channel') not in CHANNELS: errs.append(f"{i}: channel")
            if d.get('account') not in ('personal','corporate'): errs.append(f"{i}: account")
            if not isinstance(d.get('text'), str): errs.append(f"{i}: text")
            if not d.get('why'): errs.append(f"{i}: why missing")
            exp = d.get('expect')
            if not isinstance(exp, list): errs.append(f"{i}: expect"); continue
            for c in exp:
                if c not in CATS: errs.append(f"{i}: unknown category {c}")
            if len(set(exp)) != len(exp): errs.append(f"{i}: duplicate category")
            if 'reply_to' in d:
                r = d['reply_to']; rt += 1
                if set(r) != {'author','text','action'} or r['action'] not in ('reply','like','share'):
                    errs.append(f"{i}: reply_to shape")
            if 'media' in d:
                media += 1
                for m in d['media']:
                    if set(m) != {'file','alt_text','consent'} or not isinstance(m['consent'], bool):
                        errs.append(f"{i}: media shape")
            cat.update(exp)
            if not exp: clean += 1
            if len(exp) > 1: multi += 1
            if d['account'] == 'corporate': corp += 1
            lengths.append(len(d['text']))
            alltext = d['text'] + ' ' + d.get('reply_to', {}).get('text', '')
            v = valid_nhs_in(alltext)
            if 'nhs-number' in exp and not v: errs.append(f"{i}: labelled nhs-number but no valid NHS number")
            if 'nhs-number' not in exp and v: errs.append(f"{i}: unlabelled valid NHS number {v}")
            # phone ranges
            t = d['text']
            for m in re.finditer(r'(?<!\d)0\d{2,4}[ ]?\d{3,4}[ ]?\d{3,4}(?!\d)', t):
                s = m.group()
                if not any(re.fullmatch(a, s) for a in ALLOWED_PHONE):
                    errs.append(f"{i}: phone-like number outside drama/published ranges: {s}")
            if 'phone-number' in exp and not re.search(r'07700 ?900|01632 ?960|0113 ?496 ?0|020 ?7946 ?0', t):
                errs.append(f"{i}: labelled phone-number but no drama-range number")
    print(f"posts {n}, clean {clean}, breaching {n-clean}, multi-category {multi}, corporate {corp}, "
          f"reply_to {rt}, media {media}, short(<60) {sum(l<60 for l in lengths)}, long(>=300) {sum(l>=300 for l in lengths)}")
    for c in CATS: print(f"  {c:24s} {cat[c]}")
    if errs:
        print("ERRORS:"); [print("  ", e) for e in errs]; sys.exit(1)
    print("OK")

if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '/tmp/holdout7/posts.jsonl')

#!/usr/bin/env python3
"""The longest functions of engine/: a top-level C definition (a line at
column 0 that ends in '{' after a parameter list) up to its closing '}' at
column 0, counted in lines, longest first.

    scripts/longest_functions.py [ROOT] [N]     (default: this tree, 20)
"""
import os
import re
import sys

SKIP = ('struct', 'typedef', 'enum', 'static const', 'const', 'union')


def functions(path):
    lines = open(path, encoding='utf-8', errors='replace').read().split('\n')
    i = 0
    while i < len(lines):
        line = lines[i]
        head = ' '.join(lines[max(0, i - 3):i + 1])
        if (line and not line[0].isspace() and line.rstrip().endswith('{') and '(' in head
                and not line.startswith(SKIP) and '=' not in line):
            names = re.findall(r'(\w+)\s*\(', line) or re.findall(r'(\w+)\s*\(', head)
            end = i + 1
            while end < len(lines) and not lines[end].startswith('}'):
                end += 1
            if names:
                yield end - i + 1, names[0]
            i = end
        i += 1


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    found = []
    for folder, _, files in os.walk(os.path.join(root, 'engine')):
        for f in files:
            if f.endswith(('.c', '.cpp')):
                p = os.path.join(folder, f)
                found += [(k, os.path.relpath(p, root), name) for k, name in functions(p)]
    for k, p, name in sorted(found, reverse=True)[:n]:
        print(f'{k:5d} {p}:{name}')


if __name__ == '__main__':
    main()

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Prove that the ynl spec, the uapi header and the kernel's policies agree.

  check_spec.py header SPEC HEADER     compile the header against the names and
                                       values the spec implies (KTAP on stdout)
  check_spec.py policy SPEC            print the policy the running kernel must
                                       report for the spec, in the format of
                                       tools/testing/selftests/aisched/nl_policy

Names follow the kernel's ynl-gen conventions for a "genetlink" family:
FAMILY_A_SET_ATTR for attributes, FAMILY_CMD_OP for operations,
FAMILY_MCGRP_NAME for groups, FAMILY_CONST for constants.
"""

import os
import re
import subprocess
import sys
import tempfile

import yaml

# Kernel enum netlink_attribute_type names, as nl_policy prints them.
INT_RANGES = {
    'u8': (0, 2**8 - 1), 'u16': (0, 2**16 - 1),
    'u32': (0, 2**32 - 1), 'u64': (0, 2**64 - 1),
    's8': (-2**7, 2**7 - 1), 's16': (-2**15, 2**15 - 1),
    's32': (-2**31, 2**31 - 1), 's64': (-2**63, 2**63 - 1),
}


def c_name(*parts):
    return '_'.join(p.upper().replace('-', '_') for p in parts if p)


class Spec:
    def __init__(self, path):
        with open(path) as f:
            self.y = yaml.safe_load(f)
        self.family = self.y['name']
        self.consts = {}
        for d in self.y.get('definitions', []):
            if d['type'] == 'const':
                self.consts[d['name']] = d['value']
        self.sets = {s['name']: s for s in self.y['attribute-sets']}
        self.ops = self.y['operations']['list']

    def value(self, v):
        """A check value: a number or the name of a const."""
        return self.consts[v] if isinstance(v, str) else v

    def header_names(self):
        """(name, value) pairs the header must define, values int or str."""
        fam = self.family
        out = [(c_name(fam, 'family-name'), fam),
               (c_name(fam, 'family-version'), self.y.get('version', 1))]
        for d in self.y.get('definitions', []):
            if d['type'] == 'const':
                out.append((c_name(fam, d['name']), d['value']))
            elif d['type'] in ('enum', 'flags'):
                prefix = d.get('name-prefix', c_name(fam, d['name']) + '_')
                val = 0
                for i, e in enumerate(d['entries']):
                    ename = e['name'] if isinstance(e, dict) else e
                    v = e.get('value', i) if isinstance(e, dict) else i
                    if d['type'] == 'flags':
                        v = 1 << v
                    out.append((prefix.upper().replace('-', '_') +
                                c_name(ename), v))
        for s in self.y['attribute-sets']:
            prefix = s.get('name-prefix', c_name(fam, 'a', s['name']) + '_')
            prefix = prefix.upper().replace('-', '_')
            last = 0
            for a in s['attributes']:
                last = a.get('value', last + 1)
                out.append((prefix + c_name(a['name']), last))
            base = prefix.rstrip('_')
            out.append(('__' + base + '_MAX', last + 1))
            out.append((base + '_MAX', last))
        last = 0
        for op in self.ops:
            last = op.get('value', last + 1)
            out.append((c_name(fam, 'cmd', op['name']), last))
        out.append(('__' + c_name(fam, 'cmd', 'max'), last + 1))
        out.append((c_name(fam, 'cmd', 'max'), last))
        for g in self.y.get('mcast-groups', {}).get('list', []):
            out.append((c_name(fam, 'mcgrp', g['name']), g['name']))
        return out

    def attr(self, set_name, name):
        for a in self.sets[set_name]['attributes']:
            if a['name'] == name:
                return a
        raise KeyError(f'{set_name}.{name}')

    def attr_value(self, set_name, name):
        last = 0
        for a in self.sets[set_name]['attributes']:
            last = a.get('value', last + 1)
            if a['name'] == name:
                return last
        raise KeyError(f'{set_name}.{name}')

    def policy_lines(self, set_name, names, path, out):
        """Expected nl_policy lines for the request attributes @names."""
        for name in names:
            a = self.attr(set_name, name)
            num = self.attr_value(set_name, name)
            p = f'{path}{num}'
            t = a['type']
            checks = a.get('checks', {})
            words = [p]
            if t in INT_RANGES:
                lo, hi = INT_RANGES[t]
                lo = self.value(checks.get('min', lo))
                hi = self.value(checks.get('max', hi))
                words += [t, f'min={lo}', f'max={hi}']
            elif t == 'string':
                words.append('nul-string')
                if 'max-len' in checks:
                    words.append(f'maxlen={self.value(checks["max-len"])}')
            elif t == 'binary':
                words.append('binary')
                if 'exact-len' in checks:
                    n = self.value(checks['exact-len'])
                    words += [f'minlen={n}', f'maxlen={n}']
                else:
                    if 'min-len' in checks:
                        words.append(f'minlen={self.value(checks["min-len"])}')
                    if 'max-len' in checks:
                        words.append(f'maxlen={self.value(checks["max-len"])}')
            elif t == 'flag':
                words.append('flag')
            elif t == 'nest':
                words.append('nested')
                out.append(' '.join(words))
                nset = a['nested-attributes']
                nested = [x['name'] for x in self.sets[nset]['attributes']
                          if x['type'] != 'pad']
                self.policy_lines(nset, nested, p + '.', out)
                continue
            else:
                raise SystemExit(f'check_spec: type {t} of {name} not handled')
            out.append(' '.join(words))

    def expected_policy(self):
        fam = self.family
        out = [f'family {fam} version {self.y.get("version", 1)}']
        for g in self.y.get('mcast-groups', {}).get('list', []):
            out.append(f'mcgrp {g["name"]}')
        last = 0
        for op in self.ops:
            last = op.get('value', last + 1)
            flags = [m for m in ('do', 'dump') if m in op]
            if not flags:
                # Notifications (event, notify) are not operations the
                # kernel registers; they appear in no policy dump.
                continue
            if 'admin-perm' in op.get('flags', []):
                flags.append('admin-perm')
            out.append(f'op {last} ' + ' '.join(flags))
            for mode in ('do', 'dump'):
                if mode not in op:
                    continue
                req = (op[mode].get('request') or {}).get('attributes', [])
                lines = []
                self.policy_lines(op['attribute-set'], req, '', lines)
                out += [f'policy {last} {mode} {ln}' for ln in lines]
        return out


def check_header(spec, header):
    names = spec.header_names()
    cases = []
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, 'names.c')
        with open(src, 'w') as f:
            f.write('#include <stdio.h>\n#include "%s"\nint main(void)\n{\n'
                    % os.path.abspath(header))
            for n, v in names:
                fmt = '%s' if isinstance(v, str) else '%lld'
                cast = '' if isinstance(v, str) else '(long long)'
                f.write(f'#ifdef {n}\n' if isinstance(v, str) else '')
                f.write(f'\tprintf("{n} {fmt}\\n", {cast}{n});\n')
                f.write('#endif\n' if isinstance(v, str) else '')
            f.write('\treturn 0;\n}\n')
        exe = os.path.join(tmp, 'names')
        cc = subprocess.run(['cc', '-std=gnu11', '-Wall', '-Werror', '-o', exe,
                             src], capture_output=True, text=True)
        if cc.returncode:
            missing = sorted(set(re.findall(r"'(\w+)' undeclared", cc.stderr)))
            cases.append(('header defines every name in the spec', False,
                          'missing: ' + ' '.join(missing) if missing
                          else cc.stderr.strip()))
            got = {}
        else:
            cases.append(('header defines every name in the spec', True, ''))
            run = subprocess.run([exe], capture_output=True, text=True,
                                 check=True)
            got = dict(line.split(' ', 1) for line in
                       run.stdout.splitlines())
    if got:
        bad = [f'{n}={got.get(n)} (spec: {v})' for n, v in names
               if got.get(n) != str(v)]
        cases.append(('header values equal the spec', not bad, ', '.join(bad)))
    with open(header) as f:
        text = f.read()
    known = {n for n, _ in names}
    prefix = c_name(spec.family) + '_'
    extra = sorted({t for t in re.findall(r'\b_*' + prefix + r'\w+', text)
                    if t not in known and not t.startswith('_UAPI')})
    cases.append(('header defines nothing the spec lacks', not extra,
                  'not in spec: ' + ' '.join(extra)))

    print('KTAP version 1')
    print(f'1..{len(cases)}')
    for i, (name, ok, why) in enumerate(cases, 1):
        if not ok:
            print(f'# {why}')
        print(f'{"ok" if ok else "not ok"} {i} - spec: {name}')
    return all(ok for _, ok, _ in cases)


def main(argv):
    if len(argv) == 4 and argv[1] == 'header':
        return 0 if check_header(Spec(argv[2]), argv[3]) else 1
    if len(argv) == 3 and argv[1] == 'policy':
        print('\n'.join(sorted(Spec(argv[2]).expected_policy())))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))

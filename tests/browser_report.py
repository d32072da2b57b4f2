#!/usr/bin/env python3
"""report.html in a real browser (issue 12), TAP. Python standard library only.

Runs `geoaccess run` on the embedded default and on a SYNTHETIC study whose
commune names hold < & ' and accents, renders the reports with headless
Chromium (Debian's `chromium`) and checks: the screenshot is not blank and
shows the maps' colours, the page logs no console error and its scripts
raise none, every map holds one <path> per commune of the study area (342
on the default: the communes of Hérault, COG 2023), hovering a commune shows
its name (the page's #selftest=CODE hook hovers it on every map and writes
the tooltip's text into the DOM, read with --dump-dom), a name with < and &
shows as written, two runs with SOURCE_DATE_EPOCH give the same bytes, and
the English report formats numbers the English way. A page with a script
error is caught (the checks can fail). Exit 77 (skip) only without Chromium.

usage: browser_report.py GEOACCESS SOURCE_ROOT"""
import html
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import shpfiles  # noqa: E402

GA, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
CHROMIUM = shutil.which('chromium') or ('/usr/bin/chromium' if os.path.exists('/usr/bin/chromium') else None)
if not CHROMIUM:
    print('1..0 # SKIP chromium is not installed (scripts/setup.sh test installs it)')
    sys.exit(77)

n = 0
fails = 0


def check(desc, ok):
    global n, fails
    n += 1
    if not ok:
        fails += 1
    print(('ok' if ok else 'not ok') + ' %d - %s' % (n, desc), flush=True)


def chromium(url, tmp, screenshot=None, size='1200,1600'):
    """Renders `url`; returns (DOM after the scripts ran, console lines)."""
    profile = tempfile.mkdtemp(dir=tmp)
    cmd = [CHROMIUM, '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--user-data-dir=' + profile, '--enable-logging=stderr', '--v=0', '--window-size=' + size,
           '--dump-dom']
    if screenshot:
        cmd.append('--screenshot=' + screenshot)
    p = subprocess.run(cmd + [url], capture_output=True, timeout=100)
    err = p.stderr.decode('utf-8', 'replace')
    return p.stdout.decode('utf-8', 'replace'), [l for l in err.splitlines() if ':CONSOLE' in l]


def pre(dom, ident):
    m = re.search(r'<pre id="%s"[^>]*>(.*?)</pre>' % ident, dom, re.S)
    return html.unescape(m.group(1)) if m else None


def png_pixels(path):
    """(width, height, rows of RGB bytes) of an 8-bit RGB/RGBA PNG."""
    data = open(path, 'rb').read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n'
    pos, idat = 8, b''
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            w, h, depth, colour = struct.unpack('>IIBB', body[:10])
        elif kind == b'IDAT':
            idat += body
        pos += 12 + length
    assert depth == 8 and colour in (2, 6), 'unexpected PNG format'
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line) if bpp == 3 else bytes(line[k] for k in range(stride) if k % 4 != 3))
        prev = line
    return w, h, rows


def run(args, cwd, env_extra=None):
    env = dict(os.environ, GEOACCESS_DATA=os.path.join(ROOT, 'geodata'))
    env.update(env_extra or {})
    return subprocess.run([GA, 'run'] + args, cwd=cwd, capture_output=True, env=env, timeout=100)


def synthetic_study(d):
    """Three 1 km squares in Lambert-93 (SYNTHETIC), names that break
    unescaped HTML, a GP in the first."""
    squares = [[[(x, 6280000), (x, 6281000), (x + 1000, 6281000), (x + 1000, 6280000), (x, 6280000)]]
               for x in (700000, 702000, 704000)]
    shp, shx = shpfiles.shp_shx(shpfiles.POLYGON, squares)
    names = ["L'Étang <b>& Cie</b>", 'Saint-Guilhem-le-Désert', 'A "quoted" </script> name']
    rows = [['34901', names[0]], ['34902', names[1]], ['34903', names[2]]]
    base = os.path.join(d, 'communes')
    open(base + '.shp', 'wb').write(shp)
    open(base + '.shx', 'wb').write(shx)
    open(base + '.dbf', 'wb').write(shpfiles.dbf([('insee', 'C', 5, 0), ('nom', 'C', 60, 0)], rows))
    open(base + '.cpg', 'w').write('UTF-8')
    shutil.copy(os.path.join(ROOT, 'geodata/herault/communes_cog2023/communes_34_cog2023.prj'), base + '.prj')
    open(os.path.join(d, 'demand.csv'), 'w').write('code,pop,pop_std\n34901,1000,900\n34902,2000,2100\n34903,3000,3000\n')
    open(os.path.join(d, 'bpe.csv'), 'w').write('DEPCOM,TYPEQU,NB_EQUIP\n34901,D201,2\n')
    open(os.path.join(d, 'study.ini'), 'w').write(
        '[study]\nname = Synthétique <&>\n\n[communes]\npath = communes.shp\nid = insee\n\n'
        '[demand]\npath = demand.csv\nid = code\npopulation = pop\nstd_population = pop_std\n\n'
        '[facilities]\nbpe = bpe.csv\ntypes = gp=D201\n\n[apl]\ntype = gp\n\n[nearest]\ntypes = gp\n\n'
        '[outputs]\nfolder = out\n')
    return names


def main():
    tmp = tempfile.mkdtemp(prefix='ga_browser_')
    try:
        epoch = {'SOURCE_DATE_EPOCH': '1700000000'}
        # --- the embedded default ---
        p = run(['--out', 'out'], tmp, epoch)
        check('geoaccess run: exit 0', p.returncode == 0)
        report = os.path.join(tmp, 'out', 'report.html')
        check('  ... names report.html among the files written', b'out/report.html' in p.stdout)
        first = open(report, 'rb').read()
        page = first.decode('utf-8')
        check('  ... dated from SOURCE_DATE_EPOCH (2023-11-14 22:13 UTC)', '2023-11-14 22:13 UTC' in page)
        check('  ... no reference to anything outside the page',
              not re.search(r'(src|href)="(https?:)?//', page) and '<link' not in page and '@import' not in page)
        p = run(['--out', 'out'], tmp, epoch)
        check('a second run with the same SOURCE_DATE_EPOCH: the same bytes',
              p.returncode == 0 and open(report, 'rb').read() == first)
        maps = re.findall(r'<svg class="ga-map[^"]*" id="([^"]+)"', page)
        check('the report has the APL map and the nearest-time maps (%s)' % ', '.join(maps),
              'map-apl' in maps and 'map-mat-minutes' in maps and 'map-urg-minutes' in maps)
        shot = os.path.join(tmp, 'default.png')
        dom, console = chromium('file://' + report + '#selftest=34172', tmp, screenshot=shot)
        check('Chromium: no console message (errors, refused requests)%s' % (': ' + console[0] if console else ''),
              not console)
        check('  ... no script error in the page', pre(dom, 'ga-errors') == '')
        lines = (pre(dom, 'ga-selftest') or '').splitlines()
        check('  ... the self-test ran on every map (%d of %d)' % (len(lines), len(maps)),
              len(lines) == len(maps) and len(maps) >= 3)
        counts = [re.search(r'paths=(\d+)', l).group(1) for l in lines]
        check('  ... each map holds one path per commune of Hérault: 342 (%s)' % ','.join(sorted(set(counts))),
              counts and all(c == '342' for c in counts))
        check('  ... hovering 34172 shows "Montpellier" on every map',
              lines and all('tip=Montpellier (34172)' in l for l in lines))
        check('  ... and its value in French format (decimal comma)',
              lines and re.search(r'tip=Montpellier \(34172\) \| APL: \d+,\d\d', lines[0]) is not None)
        check('screenshot written', os.path.exists(shot))
        if os.path.exists(shot):
            w, h, rows = png_pixels(shot)
            nonwhite = sum(1 for r in rows for i in range(0, len(r), 3) if r[i] < 245 or r[i + 1] < 245 or r[i + 2] < 245)
            # viridis' ends, the maps' first and last classes (#fde725, #440154)
            yellow = sum(r.count(bytes((0xfd, 0xe7, 0x25))) for r in rows)
            purple = sum(r.count(bytes((0x44, 0x01, 0x54))) for r in rows)
            check('  ... not blank: %.1f%% of %dx%d pixels not white' % (100.0 * nonwhite / (w * h), w, h),
                  nonwhite > 0.05 * w * h)
            check('  ... the maps are drawn: %d yellow and %d purple class pixels' % (yellow, purple),
                  yellow > 1000 and purple > 1000)
        # --- English ---
        p = run(['--out', 'out_en', '--lang', 'en'], tmp, epoch)
        en = open(os.path.join(tmp, 'out_en', 'report.html'), encoding='utf-8').read()
        check('--lang en: English page, numbers as 1,201,883 (French: 1\u202f201\u202f883)',
              p.returncode == 0 and '<html lang="en">' in en and '1,201,883' in en and '1\u202f201\u202f883' in page)
        # --- a synthetic study whose names hold < & ' " ---
        syn = os.path.join(tmp, 'syn')
        os.mkdir(syn)
        names = synthetic_study(syn)
        p = run(['study.ini'], syn, epoch)
        check('synthetic study: exit 0%s' % ('' if p.returncode == 0 else ': ' + p.stderr.decode()[:200]),
              p.returncode == 0)
        sreport = os.path.join(syn, 'out', 'report.html')
        text = open(sreport, encoding='utf-8').read() if os.path.exists(sreport) else ''
        check('  ... the names escaped in the file', '<b>& Cie</b>' not in text and
              'L&#39;Étang &lt;b&gt;&amp; Cie&lt;/b&gt;' in text and '</script> name' not in text)
        dom, console = chromium('file://' + sreport + '#selftest=34901', tmp)
        lines = (pre(dom, 'ga-selftest') or '').splitlines()
        check('  ... in Chromium: no console message, no script error',
              not console and pre(dom, 'ga-errors') == '')
        check('  ... 3 paths per map, the tooltip shows the name as written',
              lines and all('paths=3 ' in l and ('tip=' + names[0] + ' (34901)') in l for l in lines))
        # --- the checks can fail: a page with a script error ---
        broken = os.path.join(tmp, 'broken.html')
        open(broken, 'w', encoding='utf-8').write(text.replace('</body>', '<script>noSuchFunction();</script></body>'))
        dom, console = chromium('file://' + broken, tmp)
        check('a page with a script error is caught (console and #ga-errors)',
              any('noSuchFunction' in c for c in console) and 'noSuchFunction' in (pre(dom, 'ga-errors') or ''))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print('1..%d' % n)
    return 1 if fails else 0


if __name__ == '__main__':
    sys.exit(main())

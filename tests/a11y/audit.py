#!/usr/bin/python3
# Accessibility audit: drives the built app over AT-SPI and checks that
# every control a screen reader can land on has a name it can say
# (../../../shared/STYLE.md, UI: "Every control has an accessible name").
#
# What it does, one TAP line per check on stdout (everything else goes to
# stderr):
#   - starts build/src/rounds with its own data folder, settings in memory,
#     its own XDG_RUNTIME_DIR and its own D-Bus session (so its own
#     accessibility bus), under Xvfb when there is no display;
#   - finds the app on the AT-SPI desktop, clicks "Explore a Sample Practice";
#   - visits Plan, Calendar (month, week and agenda), Posts, Inbox and
#     Insights through the view switcher and, in each, checks that every
#     control (buttons, toggles, check boxes, radio buttons, combo boxes,
#     text fields, spin buttons, sliders, switches, tabs, menu items, and
#     rows/items that can be focused or activated) has a name that is not
#     empty and not just its type name ("GtkImage"), printing the path of
#     every one that has none;
#   - goes to every step of the Plan through its list of steps (a pointer
#     click: the rows have no accessible action) and audits each;
#   - fails on a name said twice ("_Save Save", "Today Today") on screen
#     (GTK 4.8 reads an accessible label and a labelled-by relation both);
#   - checks that calendar day cells are named with their day ("Tuesday 14
#     October"), that post chips in them say their day and time, and that
#     the month has no unnamed focus stops;
#   - checks the rest of the window (header bar, banner, welcome and set-up
#     screens);
#   - opens a post in the editor (a chip with problems, from the calendar)
#     and a new post (the New Post button), and audits the editor window;
#     the post's findings must be named too, as many as its chip announced;
#     opens a finding's popover and "Keep, with a Reason…" and audits it;
#     each window is closed (Close or Cancel) and gone before the next;
#   - moves the keyboard focus to a post chip (a pointer click, which opens
#     the editor; closing it leaves the focus on the chip) and opens
#     Reschedule… with Ctrl+R, and audits that dialog;
#   - imports tests/data/calendar/bad.csv through "Import Posts from CSV…"
#     and the file chooser (found as an X window by its title: it does not
#     show on the accessibility bus under Xvfb; the path is typed, Return),
#     and audits the report, which must list every problem row;
#   - opens an Inbox item (a pointer click on its row) and audits the reply
#     editor, then opens the next item with Down and Return;
#   - before each of these, waits until no other window is open (a window
#     that is still closing is modal and would take the click);
#   - opens Preferences from the main menu and audits every page and the
#     consent registry's Record dialog;
#   - stops the app and removes everything it made, whatever happened.
#
# Things GTK 4.8 or libadwaita 1.2 draw themselves and that the app cannot
# name are listed in KNOWN_EXCEPTIONS with the reason; they are reported on
# stderr and as TAP "# known exception" comments, never silently dropped.
#
# Run: build-aux/run-tests.sh build (suite "ui"), or directly:
#   ROUNDS_BUILD_ROOT=build /usr/bin/python3 tests/a11y/audit.py
# ROUNDS_A11Y_STEPS=csv,inbox runs only those steps after the sample opens
# (places, editor, reschedule, csv, inbox, new-post, preferences, setup);
# ROUNDS_A11Y_SHOTS=DIR saves a screenshot there when the reply editor
# does not show up.

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

INNER = 'ROUNDS_A11Y_AUDIT_INNER'
TAP_FD = 'ROUNDS_A11Y_AUDIT_TAP_FD'


def log(*args):
    print(*args, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Outer process: a private bus (and display when needed), always cleaned up.

def display_usable(display):
    """Whether DISPLAY names a local X server that is there now."""
    m = re.match(r'^:(\d+)(\.\d+)?$', display or '')
    if m is None:
        return bool(display)    # a remote display: trust it
    return os.path.exists('/tmp/.X11-unix/X%s' % m.group(1))


def run_outer():
    runtime = tempfile.mkdtemp(prefix='rounds-a11y-runtime-')
    os.chmod(runtime, 0o700)
    env = dict(os.environ)
    env[INNER] = '1'
    env['XDG_RUNTIME_DIR'] = runtime
    env.pop('GTK_A11Y', None)      # the audit needs the accessibility bridge
    env.pop('NO_AT_BRIDGE', None)
    env.pop('DBUS_SESSION_BUS_ADDRESS', None)
    env.pop('AT_SPI_BUS_ADDRESS', None)
    cmd = ['dbus-run-session', '--', '/usr/bin/python3', os.path.abspath(__file__)]
    if not display_usable(env.get('DISPLAY')):
        env.pop('DISPLAY', None)
        cmd = ['xvfb-run', '-a', '-s', '-screen 0 1280x1024x24 -noreset'] + cmd
    for tool in (cmd[0],) + (('dbus-run-session',) if cmd[0] == 'xvfb-run' else ()):
        if shutil.which(tool) is None:
            print('1..0 # SKIP %s is not installed' % tool, flush=True)
            shutil.rmtree(runtime, ignore_errors=True)
            return 0
    # Only TAP may reach our stdout, and the services the bus starts (the
    # accessibility registry says hello on its stdout) inherit the bus's:
    # the audit gets our stdout as a separate descriptor, and everything
    # under it writes to stderr.
    tap_fd = os.dup(1)
    env[TAP_FD] = str(tap_fd)
    child = subprocess.Popen(cmd, env=env, start_new_session=True,
                             stdout=sys.stderr, pass_fds=(tap_fd,))
    os.close(tap_fd)

    def on_term(signum, frame):
        raise SystemExit(1)   # meson's timeout: clean up below, then go
    signal.signal(signal.SIGTERM, on_term)
    try:
        status = child.wait(timeout=520)
    except BaseException:
        log('audit: timed out or interrupted; stopping its processes')
        status = 1
    finally:
        # Everything below the child (bus, a11y bus, Xvfb, app) is in its
        # own process group, which is ours to end.
        try:
            os.killpg(child.pid, signal.SIGTERM)
            try:
                child.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
            time.sleep(0.3)
            os.killpg(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        shutil.rmtree(runtime, ignore_errors=True)
    return status


# --------------------------------------------------------------------------
# Inner process: the audit itself.

CONTROL_ROLES = {
    'push button', 'toggle button', 'check box', 'radio button',
    'combo box', 'entry', 'text', 'password text', 'spin button', 'slider',
    'switch', 'page tab', 'link', 'menu item', 'check menu item',
    'radio menu item', 'menu button', 'toggle switch',
}
# Rows and items count as controls when they can be focused or activated.
ITEM_ROLES = {'list item', 'table row', 'tree item', 'table cell', 'cell'}

def said(name):
    """What a screen reader says for a name: no mnemonic underscores."""
    return name.replace('_', '').strip()

# The Plan's pages: the practice profile and the six steps after it.
ROUNDS_PLAN_PAGES = 7

TYPE_NAME = re.compile(r'^(Gtk|Adw|Rounds)[A-Z][A-Za-z]*$')
WEEKDAY = r'(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)'
DAY_NAME = re.compile(WEEKDAY + r' \d{1,2} [A-Z][a-z]+')
CHIP_TIME = re.compile(WEEKDAY + r' \d{1,2} [A-Z][a-z]+,? \d{1,2}:\d{2}')

# What GTK 4.8 / libadwaita 1.2 build inside their own widgets, out of the
# app's reach. Each entry: a short id, a test on a node, and the reason.
KNOWN_EXCEPTIONS = [
    ('dropdown-button',
     lambda n: n.role == 'push button' and n.raw_name == 'GtkToggleButton'
     and n.parent is not None and n.parent.role == 'combo box' and n.parent.named,
     'GtkDropDown (GTK 4.8) exposes its private GtkToggleButton as a child '
     'of the combo box; the combo box carries the name a screen reader says, '
     'and the button is not reachable through public API'),
    ('preferences-search',
     lambda n: n.role == 'entry' and n.raw_name == 'GtkSearchEntry'
     and any(a.raw_name == 'AdwLeaflet' for a in n.ancestors())
     and any(a.role == 'frame' and a.raw_name == 'Preferences' for a in n.ancestors()),
     'AdwPreferencesWindow (libadwaita 1.2) builds a private search entry, '
     'kept hidden while search is off; the app cannot reach it to name it'),
    ('password-peek',
     lambda n: n.role == 'push button' and n.raw_name == 'GtkImage'
     and any(a.role in ('text', 'password text', 'entry') and a.named
             for a in list(n.ancestors())[:3]),
     'the peek icon of a password entry row (AdwPasswordEntryRow on GTK 4.8) '
     'is a private image with a click action; the entry carries the name'),
    ('dropdown-popup-row',
     lambda n: n.role == 'list item' and not n.raw_name
     and n.parent is not None and n.parent.raw_name == 'GtkListView'
     and any(a.role == 'combo box' and a.named for a in n.ancestors()),
     'the rows of a GtkDropDown\'s popup list (GTK 4.8) are private '
     'GtkListItemWidgets; the label in each is what a screen reader reads '
     'and the combo box carries the name'),
]


class Node:
    """A snapshot of one accessible, read once (AT-SPI calls are IPC)."""

    def __init__(self, acc, parent=None, index=0):
        from gi.repository import Atspi
        self.acc = acc
        self.parent = parent
        self.index = index
        try:
            self.role = acc.get_role_name() or ''
        except Exception:
            self.role = '?'
        try:
            self.raw_name = acc.get_name() or ''
        except Exception:
            self.raw_name = ''
        try:
            states = acc.get_state_set()
            self.focusable = states.contains(Atspi.StateType.FOCUSABLE)
            self.selected = states.contains(Atspi.StateType.SELECTED)
        except Exception:
            self.focusable = self.selected = False
        self._actions = None
        self._extents = None
        self.children = []

    # Actions and extents are read only when asked for: every read is a
    # round trip to the app, and a window has thousands of accessibles.
    @property
    def actions(self):
        if self._actions is None:
            try:
                n = self.acc.get_n_actions()
                self._actions = [self.acc.get_action_name(i) for i in range(n)]
            except Exception:
                self._actions = []
        return self._actions

    @property
    def extents(self):
        if self._extents is None:
            from gi.repository import Atspi
            try:
                ext = self.acc.get_extents(Atspi.CoordType.WINDOW)
                self._extents = (ext.x, ext.y, ext.width, ext.height)
            except Exception:
                self._extents = ()
        return self._extents

    @property
    def named(self):
        name = self.raw_name.strip()
        return bool(name) and not TYPE_NAME.match(name)

    @property
    def shown(self):
        return bool(self.extents) and self.extents[2] > 0 and self.extents[3] > 0

    def is_control(self):
        if self.role in CONTROL_ROLES:
            return True
        if self.role in ITEM_ROLES:
            return self.focusable or bool(self.actions)
        return False

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    def label(self):
        return '%s %r' % (self.role, self.raw_name) if self.raw_name else self.role

    def path(self):
        parts = []
        node = self
        while node is not None:
            if node is self or node.raw_name:
                parts.append(node.label())
            node = node.parent
        return ' > '.join(reversed(parts))


def snapshot(acc, parent=None, index=0, depth=0):
    node = Node(acc, parent, index)
    if depth > 80:
        return node
    try:
        count = acc.get_child_count()
    except Exception:
        count = 0
    for i in range(count):
        try:
            child = acc.get_child_at_index(i)
        except Exception:
            child = None
        if child is not None:
            node.children.append(snapshot(child, node, i, depth + 1))
    return node


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, ok, what, details=()):
        self.n += 1
        if not ok and '# TODO' not in what:   # a TAP TODO is reported, not counted
            self.failed += 1
        print('%s %d - %s' % ('ok' if ok else 'not ok', self.n, what), flush=True)
        for line in details:
            print('# ' + line, flush=True)
        if not ok:
            log('audit: not ok %d - %s' % (self.n, what))

    def bail(self, why):
        print('Bail out! %s' % why, flush=True)


def wait_for(what, timeout=20.0, step=0.1):
    end = time.monotonic() + timeout
    while True:
        try:
            value = what()
        except Exception as e:  # the tree changes under our feet
            log('  (retrying: %s)' % e)
            value = None
        if value:
            return value
        if time.monotonic() > end:
            return None
        time.sleep(step)


def click(node_or_acc, action='click'):
    acc = getattr(node_or_acc, 'acc', node_or_acc)
    n = acc.get_n_actions()
    for i in range(n):
        if acc.get_action_name(i) == action:
            return acc.do_action(i)
    raise RuntimeError('no %s action on %s' % (action, getattr(node_or_acc, 'label', lambda: acc)()))


def doubled(name):
    """"Save and Continue Save and Continue", "_Today Today": a name said
    twice (a label and an accessible label both counted)."""
    plain = name.replace('_', '').strip()
    half = len(plain) // 2
    return len(plain) > 2 and plain[half] == ' ' and plain[:half] == plain[half + 1:]


def audit(tap, root, what, skip=None, min_controls=1):
    """Two TAP lines: every control under root (but not under skip) is
    named, and no name says the same thing twice."""
    controls = []
    unnamed = []
    excused = []
    twice = []
    hidden = []

    def visit(node):
        if skip is not None and node.acc == skip:
            return
        # What is on screen (GTK 4.8 sets no "showing" state: a widget not
        # shown has no size): a page of a stack that is not shown (another
        # step of the Plan, an empty state) is checked when it is shown.
        if node.raw_name and doubled(node.raw_name):
            if node.shown:
                twice.append(node)
            else:
                hidden.append(node)
        if node.is_control():
            controls.append(node)
            if not node.named:
                for key, test, reason in KNOWN_EXCEPTIONS:
                    if test(node):
                        excused.append((key, node))
                        break
                else:
                    unnamed.append(node)
        for c in node.children:
            visit(c)

    visit(root)
    if hidden:
        log('audit: %s: %d names said twice off screen, checked when shown' % (what, len(hidden)))
    details = ['unnamed: ' + n.path() for n in unnamed]
    tap.check(not unnamed and len(controls) >= min_controls,
              '%s: every control has an accessible name (%d controls, %d unnamed, %d known exceptions)'
              % (what, len(controls), len(unnamed), len(excused)),
              details)
    tap.check(not twice, '%s: no name says the same thing twice (%d doubled)' % (what, len(twice)),
              ['doubled: ' + n.path() for n in twice])
    for key in sorted({k for k, _ in excused}):
        count = sum(1 for k, _ in excused if k == key)
        reason = next(r for k, _, r in KNOWN_EXCEPTIONS if k == key)
        print('# known exception (%s, %d in %s): %s' % (key, count, what, reason), flush=True)
        log('  known exception %s x%d in %s' % (key, count, what))
    return controls, unnamed


def find_all(node, pred):
    return [n for n in node.walk() if pred(n)]


def run_inner():
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi
    # libatspi gives up on an answer after 800 ms by default: on a loaded
    # machine a click that opens a window (Preferences) answers later
    # than that, and the audit then stopped with "Did not receive a
    # reply" though the app was fine. Wait as long as a person would.
    Atspi.set_timeout(30000, 60000)
    import warnings
    warnings.simplefilter('ignore', DeprecationWarning)

    build = os.environ.get('ROUNDS_BUILD_ROOT') or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', '..', 'build')
    app_path = os.environ.get('ROUNDS_APP') or os.path.join(build, 'src', 'rounds')
    tap = Tap()
    if not os.access(app_path, os.X_OK):
        tap.bail('no app at %s: build first' % app_path)
        return 1

    # Under the runtime folder the outer process removes, come what may.
    scratch = os.environ.get('XDG_RUNTIME_DIR') or None
    data_dir = tempfile.mkdtemp(prefix='rounds-a11y-data-', dir=scratch)
    home = tempfile.mkdtemp(prefix='rounds-a11y-home-', dir=scratch)
    env = dict(os.environ)
    env.pop(INNER, None)
    env.update({
        'ROUNDS_DATA_DIR': data_dir,
        'GSETTINGS_BACKEND': 'memory',
        'GSETTINGS_SCHEMA_DIR': os.environ.get('GSETTINGS_SCHEMA_DIR') or os.path.join(build, 'data'),
        'GDK_BACKEND': 'x11',
        'GSK_RENDERER': os.environ.get('GSK_RENDERER', 'cairo'),
        'XDG_CONFIG_HOME': os.path.join(home, 'config'),
        'XDG_CACHE_HOME': os.path.join(home, 'cache'),
        'XDG_DATA_HOME': os.path.join(home, 'data'),
        'LANGUAGE': 'C', 'LC_ALL': 'C.UTF-8',
    })
    log('audit: starting %s (data in %s)' % (app_path, data_dir))
    app_proc = subprocess.Popen([app_path], env=env, stdout=sys.stderr, stderr=sys.stderr,
                                stdin=subprocess.DEVNULL)
    try:
        return audit_app(tap, app_proc, Atspi)
    except Exception as e:
        import traceback
        traceback.print_exc(file=sys.stderr)
        tap.check(False, 'audit ran to the end (%s: %s)' % (type(e).__name__, e))
        print('1..%d' % tap.n, flush=True)
        return 1
    finally:
        if app_proc.poll() is None:
            app_proc.terminate()
            try:
                app_proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                app_proc.kill()
                app_proc.wait()
        else:
            log('audit: the app had already exited with %s' % app_proc.returncode)
        shutil.rmtree(data_dir, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)


def audit_app(tap, app_proc, Atspi):
    def find_app():
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            a = desktop.get_child_at_index(i)
            if a is not None and a.get_process_id() == app_proc.pid and a.get_child_count() > 0:
                return a
        return None

    app = wait_for(lambda: find_app() or (app_proc.poll() is not None and 'exited'), timeout=30)
    if app == 'exited':
        app = None
    gone = app_proc.poll()
    tap.check(app is not None, 'the app shows up on the accessibility bus'
              + ('' if gone is None else ' (it exited with status %d)' % gone))
    if app is None or app_proc.poll() is not None:
        tap.bail('the app is not on the accessibility bus')
        return 1

    def main_frame():
        for i in range(app.get_child_count()):
            f = app.get_child_at_index(i)
            if f is not None and f.get_role_name() == 'frame':
                return f
        return None

    frame = wait_for(main_frame)

    # Welcome → sample practice.
    def explore_button():
        tree = snapshot(frame)
        for n in tree.walk():
            if n.role == 'push button' and 'Explore a Sample Practice' in n.raw_name and n.shown:
                return n
        return None

    explore = wait_for(explore_button)
    tap.check(explore is not None, 'the welcome page offers "Explore a Sample Practice"')
    if explore is None:
        return finish(tap)
    click(explore)

    def tabs():
        tree = snapshot(frame)
        shown = [n for n in tree.walk() if n.role == 'page tab' and n.shown]
        return (tree, shown) if len(shown) >= 5 else None

    got = wait_for(tabs)
    tap.check(got is not None, 'the sample practice opens with its view switcher')
    if got is None:
        return finish(tap)
    tree, tab_nodes = got
    tab_names = [t.raw_name.replace('_', '') for t in tab_nodes]
    log('audit: places %s' % tab_names)

    def view_stack(tree):
        # The AdwViewStack holds one child per place; its Posts page is the
        # accessible with the posts.* widget actions.
        # Widgets show up as fillers: look at those first, as reading the
        # actions of every accessible in the window takes long.
        for fillers_only in (True, False):
            for n in tree.walk():
                if fillers_only and n.role != 'filler':
                    continue
                if 'posts.new' in n.actions and n.parent is not None:
                    return n.parent
        return None

    stack = view_stack(tree)
    if stack is None or len(stack.children) != len(tab_names):
        tap.check(False, 'the window has one page per place')
        return finish(tap)
    stack_acc = stack.acc
    pages = [Node(c.acc) for c in stack.children]
    bad = [(p, name) for p, name in zip(pages, tab_names) if p.raw_name != name]
    tap.check(not bad, 'each place\'s page is named after its switcher button (%d places, %d not)'
              % (len(pages), len(bad)),
              ['page %r should be named %r' % (p.raw_name, name) for p, name in bad])
    for index, (name, tab) in enumerate(zip(tab_names, tab_nodes)):
        if not step_wanted('places'):
            break
        click(tab)
        wait_for(lambda: Node(tab.acc).selected, timeout=5)
        time.sleep(0.5)
        page_acc = stack_acc.get_child_at_index(index)
        if name == 'Calendar':
            visit_calendar_views(page_acc)
        page = snapshot(page_acc)
        # Inbox and Insights are status pages for now: nothing to press.
        audit(tap, page, name, min_controls=1 if name in ('Plan', 'Calendar', 'Posts') else 0)
        if name == 'Calendar':
            check_calendar(tap, page)
        if name == 'Plan':
            walk_plan_steps(tap, page_acc)
        if name == 'Posts':
            check_post_rows(tap, page)

    tree = snapshot(frame)
    stack = view_stack(tree)
    if step_wanted('places'):
        audit(tap, tree, 'Window (header bar, banner, welcome and set-up screens)',
              skip=stack.acc if stack else None)

    if step_wanted('editor'):
        audit_editor_from_chip(tap, app, stack_acc, tab_nodes, tab_names)
    if step_wanted('reschedule'):
        audit_reschedule(tap, app, frame, stack_acc, tab_nodes, tab_names)
    if step_wanted('csv'):
        audit_csv_report(tap, app, frame, stack_acc, tab_nodes, tab_names)
    if step_wanted('inbox'):
        audit_inbox_reply(tap, app, frame, stack_acc, tab_nodes, tab_names)
    if step_wanted('new-post'):
        audit_new_post(tap, app, frame)
    if step_wanted('preferences'):
        audit_preferences(tap, app, frame)
    if step_wanted('setup'):
        audit_setup(tap, frame)
    return finish(tap)


def step_wanted(name):
    """ROUNDS_A11Y_STEPS=csv,inbox runs only those steps after the sample
    opens (to work on one of them: the whole audit takes minutes); unset,
    every step runs (a run with a selection says so on stderr)."""
    wanted = os.environ.get('ROUNDS_A11Y_STEPS')
    return not wanted or name in [w.strip() for w in wanted.split(',')]


def audit_setup(tap, frame):
    """Leaves the sample and opens the set-up form, as a new user would."""
    def button(label):
        for n in snapshot(frame).walk():
            if n.role == 'push button' and n.raw_name.replace('_', '') == label and n.shown \
               and 'click' in n.actions:
                return n
        return None

    for label in ('Leave Sample', 'Set Up My Practice'):
        b = wait_for(lambda: button(label), timeout=10)
        if b is None:
            tap.check(False, 'Set-up form: the %s button is there' % label)
            return
        click(b)
    if wait_for(lambda: button('Save and Continue'), timeout=10) is None:
        tap.check(False, 'Set-up form: it opens')
        return
    audit(tap, snapshot(frame), 'Set-up form')


def pointer_click(node):
    """Clicks the middle of a node with the X pointer, for what has no
    accessible action (a list row). With no window manager the window
    sits at the screen's corner, and extents are the window's."""
    x, y, w, h = node.extents
    subprocess.run(['xdotool', 'mousemove', str(x + w // 2), str(y + h // 2), 'click', '1'],
                   stdout=sys.stderr, stderr=sys.stderr, check=False)


def walk_plan_steps(tap, page_acc):
    """Goes to every step of the Plan through its list of steps, as a
    pointer would, and audits each (the steps are pages of a stack: only
    the one shown is there for a screen reader); then checks that Continue
    on a complete step leads on."""
    def shown():
        page = snapshot(page_acc)
        headings = tuple(sorted(n.raw_name for n in page.walk()
                                if n.role in ('label', 'heading') and n.raw_name
                                and n.raw_name.startswith('Step ') and n.shown))
        rows = [n for n in page.walk() if n.role == 'list item' and n.parent is not None
                and n.parent.raw_name == 'Plan steps']
        return page, headings, rows

    if shutil.which('xdotool') is None:
        tap.check(False, 'Plan: xdotool is there to go through the steps')
        return
    page, headings, rows = shown()
    seen = set()
    for index in range(len(rows)):
        row = shown()[2][index]
        if not row.shown:
            tap.check(False, 'Plan: the list of steps is on screen (%r)' % row.raw_name)
            return
        pointer_click(row)
        got = wait_for(lambda: shown()[1] not in seen and shown(), timeout=10)
        if not got:
            tap.check(False, 'Plan: the step %r opens from the list of steps' % row.raw_name)
            continue
        page, headings, _ = got
        seen.add(headings)
        log('audit: Plan: %r shows %s' % (row.raw_name, headings))
        audit(tap, page, 'Plan, %s' % row.raw_name.split(',')[0])
    tap.check(len(seen) >= ROUNDS_PLAN_PAGES,
              'Plan: every step was visited (%d of %d)' % (len(seen), ROUNDS_PLAN_PAGES))


def check_post_rows(tap, page):
    """Each post row (an item of the list named Posts) says which post
    it is."""
    rows = [n for n in page.walk() if n.role == 'list item'
            and n.parent is not None and n.parent.role == 'list' and n.parent.raw_name == 'Posts']
    bad = [r for r in rows if not r.named]
    tap.check(len(rows) > 0 and not bad,
              'Posts: every post row has a name (%d rows, %d unnamed)' % (len(rows), len(bad)),
              ['unnamed row: ' + r.path() for r in bad][:20])


def visit_calendar_views(page_acc):
    """Shows the week and agenda views once so their rows get built."""
    page = snapshot(page_acc)
    for view in ('Week', 'Agenda', 'Month'):
        buttons = [n for n in page.walk()
                   if n.role in ('push button', 'toggle button') and 'click' in n.actions
                   and n.raw_name.replace('_', '').split(' ')[-1] == view]
        if buttons:
            click(buttons[0])
            time.sleep(0.6)
        else:
            log('audit: no %s button in the calendar' % view)


def check_calendar(tap, page):
    # Day cells: the children of the month grid (role table) that are not
    # its weekday headings; post chips: the buttons inside a day cell, and
    # the week view's (it draws its days itself: its chips are its children).
    tables = [n for n in page.walk() if n.role == 'table']
    cells = [c for t in tables for c in t.children if c.role in ('panel', 'table cell', 'list item')]
    bad = [c for c in cells if not DAY_NAME.search(c.raw_name)]
    stops = [n for t in tables for n in t.walk() if n.focusable and not n.named]
    tap.check(not stops, 'Calendar: no unnamed focus stops in the month (%d)' % len(stops),
              ['unnamed focus stop: ' + n.path() for n in stops][:20])
    tap.check(len(cells) >= 28 and not bad,
              'Calendar: day cells are named with their day, e.g. "Tuesday 14 October" '
              '(%d cells, %d without a day)' % (len(cells), len(bad)),
              ['cell without a day: ' + c.path() for c in bad][:40])
    chips = [n for c in cells for n in c.walk()
             if n is not c and n.role == 'push button' and 'click' in n.actions]
    chips += [c for t in tables for c in t.children
              if c.role == 'push button' and 'click' in c.actions]
    bad = [n for n in chips if not CHIP_TIME.search(n.raw_name)]
    tap.check(len(chips) > 0 and not bad,
              'Calendar: post chips say their day and time (%d chips, %d without)'
              % (len(chips), len(bad)),
              ['chip without a time: ' + n.path() for n in bad][:40])


def frames_of(app):
    # The reply editor's window comes out as a "filler" on GTK 4.8 (an
    # AdwWindow like the post editor, which is a "frame"; not found why):
    # every child of the application is one of its windows.
    out = []
    for i in range(app.get_child_count()):
        f = app.get_child_at_index(i)
        if f is not None and f.get_role_name() in ('frame', 'dialog', 'window', 'filler'):
            out.append(f)
    return out


def wait_new_frame(app, before, timeout=15):
    def new():
        for f in frames_of(app):
            if f not in before and f.get_child_count() > 0:
                return f
        return None
    frame = wait_for(new, timeout=timeout)
    if frame is not None:
        time.sleep(1.0)   # let the editor fill in its checks and previews
    return frame


def close_frame(frame, app=None):
    """Closes a window with its Close or Cancel button (the post editor
    has Cancel and Save), and waits until it is gone."""
    try:
        tree = snapshot(frame)
        buttons = {said(n.raw_name): n for n in tree.walk()
                   if n.role == 'push button' and 'click' in n.actions and n.shown}
        for label in ('Close', 'Cancel'):
            if label in buttons:
                click(buttons[label])
                break
        else:
            log('audit: no Close or Cancel in %r' % frame.get_name())
            return
        if app is not None:
            gone = wait_for(lambda: frame not in frames_of(app) or frame.get_child_count() == 0,
                            timeout=10)
            if not gone:
                log('audit: %r did not close' % frame.get_name())
    except Exception as e:
        log('audit: could not close a window: %s' % e)


def audit_editor_from_chip(tap, app, stack_acc, tab_nodes, tab_names):
    if 'Calendar' not in tab_names:
        tap.check(False, 'Post editor (existing post): the Calendar place is there')
        return
    index = tab_names.index('Calendar')
    click(tab_nodes[index])
    time.sleep(0.5)
    page = snapshot(stack_acc.get_child_at_index(index))
    chips = [n for n in page.walk()
             if n.role == 'push button' and 'click' in n.actions and re.search(r'\d+ problems?', n.raw_name)]
    if not chips:
        chips = [n for n in page.walk()
                 if n.role == 'push button' and 'click' in n.actions and CHIP_TIME.search(n.raw_name)]
    if not chips:
        tap.check(False, 'Post editor (existing post): a post chip to open')
        return
    log('audit: opening %r' % chips[0].raw_name)
    before = frames_of(app)
    click(chips[0])
    editor = wait_new_frame(app, before)
    if editor is None:
        tap.check(False, 'Post editor (existing post): opens from a calendar chip')
        return
    tree = snapshot(editor)
    audit(tap, tree, 'Post editor (existing post with problems)')
    check_findings(tap, tree, chips[0].raw_name)
    audit_keep_popover(tap, editor)
    close_frame(editor, app)
    time.sleep(0.5)


def shown_button(root, label, roles=('push button', 'toggle button')):
    for n in snapshot(root).walk():
        if n.role in roles and said(n.raw_name) == label and n.shown and 'click' in n.actions:
            return n
    return None


def press_key(*keys):
    subprocess.run(['xdotool', 'key'] + list(keys), stdout=sys.stderr, stderr=sys.stderr,
                   check=False)


def show_place(tab_nodes, tab_names, stack_acc, name):
    """Clicks the switcher's @name and returns its page's accessible."""
    if name not in tab_names:
        return None
    index = tab_names.index(name)
    click(tab_nodes[index])
    wait_for(lambda: Node(tab_nodes[index].acc).selected, timeout=5)
    time.sleep(0.5)
    return stack_acc.get_child_at_index(index)


def close_or_escape(frame, app):
    """Closes a window with its Close or Cancel button, else Escape."""
    close_frame(frame, app)
    if frame in frames_of(app) and frame.get_child_count() > 0:
        pointer_to_corner()
        press_key('Escape')
        wait_for(lambda: frame not in frames_of(app) or frame.get_child_count() == 0, timeout=10)


def pointer_to_corner():
    """With no window manager the keyboard goes where the pointer is: the
    newest window, mapped at the screen's corner, is under it there."""
    subprocess.run(['xdotool', 'mousemove', '60', '60'], stdout=sys.stderr, stderr=sys.stderr,
                   check=False)


def audit_reschedule(tap, app, frame, stack_acc, tab_nodes, tab_names):
    """Reschedule… (Ctrl+R) on the post chip that has the keyboard focus."""
    page_acc = show_place(tab_nodes, tab_names, stack_acc, 'Calendar')
    if page_acc is None:
        tap.check(False, 'Reschedule dialog: the Calendar place is there')
        return
    chips = [n for n in snapshot(page_acc).walk()
             if n.role == 'push button' and n.shown and CHIP_TIME.search(n.raw_name)]
    if not chips:
        tap.check(False, 'Reschedule dialog: a post chip to focus')
        return
    # A pointer click focuses the chip and opens the editor; closing the
    # editor leaves the focus on the chip.
    before = frames_of(app)
    pointer_click(chips[0])
    editor = wait_new_frame(app, before)
    if editor is not None:
        close_or_escape(editor, app)
        time.sleep(0.5)
    x, y, w, h = chips[0].extents
    subprocess.run(['xdotool', 'mousemove', str(x + w // 2), str(y + h // 2)],
                   stdout=sys.stderr, stderr=sys.stderr, check=False)
    before = frames_of(app)
    press_key('ctrl+r')
    dialog = wait_new_frame(app, before)
    tap.check(dialog is not None, 'Reschedule dialog: opens with Ctrl+R on a focused post')
    if dialog is None:
        return
    audit(tap, snapshot(dialog), 'Reschedule dialog')
    close_or_escape(dialog, app)
    time.sleep(0.5)


def x_windows(title):
    """The visible X windows titled @title (xdotool: no window manager
    needed). The file chooser is a window of its own: it is found this
    way whether or not it shows on the accessibility bus."""
    out = subprocess.run(['xdotool', 'search', '--onlyvisible', '--name', '^%s$' % re.escape(title)],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, check=False)
    return out.stdout.split()


def only_main_window(app, frame):
    """Nothing but the main window is open (a window that is closing, or a
    chooser still up, would take the clicks: it is modal)."""
    return all(f == frame or f.get_child_count() == 0 for f in frames_of(app)) \
        and not x_windows(CSV_CHOOSER_TITLE)


CSV_CHOOSER_TITLE = 'Import Posts from CSV'


def audit_csv_report(tap, app, frame, stack_acc, tab_nodes, tab_names):
    """Import Posts from CSV… with a file that has problems, as a user
    does it: the calendar's menu, the file chooser (typing the file's
    path, Return), then the report, which is audited."""
    here = os.path.dirname(os.path.abspath(__file__))
    bad = os.path.normpath(os.path.join(here, '..', 'data', 'calendar', 'bad.csv'))
    page_acc = show_place(tab_nodes, tab_names, stack_acc, 'Calendar')
    if page_acc is None or not os.path.exists(bad):
        tap.check(False, 'CSV import report: the Calendar place and %s are there' % bad)
        return
    menu = wait_for(lambda: shown_button(page_acc, 'More Calendar Actions',
                                         roles=('push button', 'toggle button', 'menu button')),
                    timeout=10)
    if menu is None:
        tap.check(False, 'CSV import report: the calendar\'s menu is there')
        return
    click(menu)
    item = wait_for(lambda: next((n for n in snapshot(frame).walk()
                                  if n.role == 'menu item' and said(n.raw_name).startswith('Import Posts')
                                  and n.shown and 'click' in n.actions), None), timeout=30)
    if item is None:
        tap.check(False, 'CSV import report: the menu offers Import Posts from CSV')
        press_key('Escape')
        return
    before = frames_of(app)
    click(item)
    # The chooser (GtkFileChooserNative's own dialog when there is no
    # portal) does not show on the accessibility bus under Xvfb, but it
    # is an X window with its title: wait for that. It is slow to build
    # on a loaded machine (it reads the recent files).
    chooser = wait_for(lambda: x_windows(CSV_CHOOSER_TITLE), timeout=120, step=0.5)
    tap.check(bool(chooser), 'CSV import report: Import Posts from CSV… opens the file chooser')
    if not chooser:
        return
    time.sleep(1.0)
    # With no window manager the keyboard goes where the pointer is; the
    # chooser sits at the screen's corner. Typing a path opens its
    # location entry; Return imports.
    pointer_to_corner()
    subprocess.run(['xdotool', 'type', '--delay', '40', bad], stdout=sys.stderr,
                   stderr=sys.stderr, check=False)
    time.sleep(0.5)
    press_key('Return')

    def report():
        for f in frames_of(app):
            if f in before or f.get_child_count() == 0:
                continue
            tree = snapshot(f)
            if any(n.role == 'list' and n.raw_name == 'Problems in the file' for n in tree.walk()):
                return f, tree
        return None

    got = wait_for(report, timeout=60)
    tap.check(got is not None, 'CSV import report: importing a file with problems shows them')
    if got is None:
        for _ in range(3):
            if not x_windows(CSV_CHOOSER_TITLE):
                break
            pointer_to_corner()
            press_key('Escape')
            wait_for(lambda: not x_windows(CSV_CHOOSER_TITLE), timeout=10)
        return
    dialog, tree = got
    tap.check(not x_windows(CSV_CHOOSER_TITLE), 'CSV import report: the file chooser is closed')
    audit(tap, tree, 'CSV import report dialog')
    # As many rows as the heading counts ("7 problems need fixing first"),
    # and at least the file's bad rows (all but the first; with the real
    # clock its first row's March date is in the past too).
    with open(bad, encoding='utf-8') as f:
        known_bad = sum(1 for line in f.read().splitlines()[1:] if line.strip()) - 1
    m = re.search(r'(\d+) problems?', dialog.get_name() or '')
    expected = int(m.group(1)) if m else -1
    problems = [i for l in tree.walk() if l.role == 'list' and l.raw_name == 'Problems in the file'
                for i in l.children if i.role in ('list item', 'table row')]
    tap.check(expected >= known_bad and len(problems) == expected,
              'CSV import report: every problem row is listed (%d of %d said in %r)'
              % (len(problems), expected, dialog.get_name()))
    close_or_escape(dialog, app)
    time.sleep(0.5)


def audit_inbox_reply(tap, app, frame, stack_acc, tab_nodes, tab_names):
    """An Inbox item opens its reply editor, as a user opens it: a pointer
    click on its row; and with the keyboard, Return on the focused row."""
    # A window still open (modal) would take the click.
    if not wait_for(lambda: only_main_window(app, frame), timeout=30):
        log('audit: windows still open: %s' % [(f.get_role_name(), f.get_name(), f.get_child_count())
                                                for f in frames_of(app)])
    page_acc = show_place(tab_nodes, tab_names, stack_acc, 'Inbox')
    if page_acc is None:
        tap.check(False, 'Reply editor: the Inbox place is there')
        return

    def rows():
        return [i for l in snapshot(page_acc).walk() if l.role == 'list'
                and l.raw_name == 'Comments and reviews' for i in l.children
                if i.role == 'list item' and i.shown]

    shown = wait_for(rows, timeout=10)
    if not shown:
        tap.check(False, 'Reply editor: an Inbox item to open')
        return
    before = frames_of(app)
    log('audit: Inbox: clicking %r at %s' % (shown[0].raw_name[:40], shown[0].extents))
    pointer_click(shown[0])
    dialog = wait_new_frame(app, before, timeout=60)
    if dialog is None and os.environ.get('ROUNDS_A11Y_SHOTS'):
        subprocess.run(['import', '-window', 'root', os.path.join(os.environ['ROUNDS_A11Y_SHOTS'],
                                                                  'inbox-click.png')], check=False)
        log('audit: windows now: %s' % [(f.get_role_name(), f.get_name(), f.get_child_count())
                                        for f in frames_of(app)])
    tap.check(dialog is not None, 'Reply editor: opens from an Inbox item (a pointer click)')
    if dialog is None:
        return
    audit(tap, snapshot(dialog), 'Reply editor (Inbox)')
    close_or_escape(dialog, app)
    wait_for(lambda: only_main_window(app, frame), timeout=30)

    # The keyboard: closing the editor leaves the focus on its row; the
    # next row is Down, and Return opens it.
    x, y, w, h = shown[0].extents
    subprocess.run(['xdotool', 'mousemove', str(x + w // 2), str(y + h // 2)],
                   stdout=sys.stderr, stderr=sys.stderr, check=False)
    before = frames_of(app)
    press_key('Down')
    time.sleep(0.3)
    press_key('Return')
    dialog = wait_new_frame(app, before)
    # "Comment by Paula Brandt on …" opens "Reply to Paula Brandt".
    m = re.match(r'(?:Comment|Review) by (.+?) on ', shown[1].raw_name) if len(shown) > 1 else None
    title = dialog.get_name() if dialog is not None else ''
    tap.check(m is not None and title == 'Reply to %s' % m.group(1),
              'Reply editor: Return on the next Inbox item opens that item (%r)' % title)
    if dialog is not None:
        close_or_escape(dialog, app)
        time.sleep(0.5)


def audit_keep_popover(tap, editor):
    """A finding's popover (a pointer click on the finding in the list),
    then "Keep, with a Reason…": the reason's entry and its buttons are
    named, once."""
    tree = snapshot(editor)
    items = [i for l in tree.walk() if l.role == 'list' and l.raw_name == 'Findings'
             for i in l.walk() if i.role == 'list item' and i.shown]
    if not items:
        tap.check(False, 'Keep, with a Reason: a finding to open')
        return
    pointer_click(items[0])
    keep = wait_for(lambda: shown_button(editor, 'Keep, with a Reason…'), timeout=10)
    if keep is None:
        tap.check(False, 'Keep, with a Reason: the finding\'s popover offers it')
        return
    click(keep)
    if wait_for(lambda: shown_button(editor, 'Keep'), timeout=10) is None:
        tap.check(False, 'Keep, with a Reason: the reason and its Keep button show')
        return
    popover = keep.parent
    while popover is not None and popover.parent is not None and \
            not any(c.role == 'entry' or c.role == 'text' for c in popover.walk()):
        popover = popover.parent
    audit(tap, snapshot(popover.acc) if popover is not None else snapshot(editor),
          'Keep, with a Reason (finding popover)')
    press_key('Escape')
    time.sleep(0.3)


def audit_preferences(tap, app, frame):
    """Preferences, from the main menu: every page."""
    # The window before (the new post's editor) may still be closing: a
    # modal window takes the click on the menu. Wait until it is gone.
    wait_for(lambda: only_main_window(app, frame), timeout=30)
    menu = wait_for(lambda: next((n for n in snapshot(frame).walk()
                                  if n.shown and said(n.raw_name) == 'Main Menu'
                                  and 'click' in n.actions), None), timeout=30)
    if menu is None:
        tap.check(False, 'Preferences: the main menu is there')
        return

    def preferences_item():
        return next((n for n in snapshot(frame).walk()
                     if n.role == 'menu item' and said(n.raw_name) == 'Preferences'
                     and n.shown and 'click' in n.actions), None)

    # Open means its items are on screen; a click that came while the
    # window was still busy is lost, so the menu is asked again until it
    # is open (never toggled shut: only clicked while it is closed).
    item = None
    for _ in range(3):
        if preferences_item() is None:
            click(menu)
        item = wait_for(preferences_item, timeout=20)
        if item is not None:
            break
    if item is None:
        tap.check(False, 'Preferences: the main menu offers Preferences')
        press_key('Escape')
        return
    before = frames_of(app)
    click(item)
    prefs = wait_new_frame(app, before)
    tap.check(prefs is not None, 'Preferences: open from the main menu')
    if prefs is None:
        return
    # The view switcher at the top and the switcher bar of a narrow
    # window both list the pages: each page once.
    tabs, names = [], []
    for t in snapshot(prefs).walk():
        if t.role == 'page tab' and t.shown and said(t.raw_name) not in names:
            tabs.append(t)
            names.append(said(t.raw_name))
    log('audit: Preferences pages %s' % names)
    tap.check(len(tabs) >= 3, 'Preferences: its pages are named tabs (%s)' % ', '.join(names))
    for tab, name in zip(tabs, names):
        click(tab)
        time.sleep(0.6)
        audit(tap, snapshot(prefs), 'Preferences, %s' % name)
        if name == 'Consents':
            audit_dialog_from(tap, app, prefs, 'Record…', 'Record authorization dialog')
    close_frame(prefs, app)
    time.sleep(0.5)


def audit_dialog_from(tap, app, window, label, what):
    """Presses the button @label in @window and audits the dialog it opens."""
    button = wait_for(lambda: shown_button(window, label), timeout=10)
    if button is None:
        tap.check(False, '%s: the %s button is there' % (what, label))
        return
    before = frames_of(app)
    click(button)
    dialog = wait_new_frame(app, before)
    tap.check(dialog is not None, '%s: opens from %s' % (what, label))
    if dialog is not None:
        audit(tap, snapshot(dialog), what)
        close_frame(dialog, app)
        time.sleep(0.5)

def check_findings(tap, tree, chip_name):
    """The editor lists a post's problems ("findings"), each named with
    what was found, as many as the calendar chip announced."""
    m = re.search(r'(\d+) problems?', chip_name)
    expected = int(m.group(1)) if m else 1
    lists = [n for n in tree.walk() if n.role == 'list' and n.raw_name == 'Findings']
    items = [i for l in lists for i in l.walk() if i.role == 'list item']
    bad = [i for i in items if not i.named]
    tap.check(len(items) >= expected and not bad,
              'Post editor: findings are named (%d findings, %d expected from the chip, %d unnamed)'
              % (len(items), expected, len(bad)),
              ['unnamed finding: ' + i.path() for i in bad])


def audit_new_post(tap, app, frame):
    tree = snapshot(frame)
    buttons = [n for n in tree.walk()
               if n.role == 'push button' and n.raw_name == 'New Post' and n.shown and 'click' in n.actions]
    if not buttons:
        tap.check(False, 'Post editor (new post): the New Post button is there')
        return
    before = frames_of(app)
    click(buttons[0])
    editor = wait_new_frame(app, before)
    if editor is None:
        tap.check(False, 'Post editor (new post): opens from New Post')
        return
    audit(tap, snapshot(editor), 'Post editor (new post)')
    close_frame(editor, app)


def finish(tap):
    if os.environ.get('ROUNDS_A11Y_STEPS'):
        log('audit: only the steps %s were run' % os.environ['ROUNDS_A11Y_STEPS'])
    print('1..%d' % tap.n, flush=True)
    log('audit: %d checks, %d failed' % (tap.n, tap.failed))
    return 1 if tap.failed else 0


if __name__ == '__main__':
    if os.environ.get(INNER):
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(1))
        if os.environ.get(TAP_FD):
            sys.stdout = os.fdopen(int(os.environ.pop(TAP_FD)), 'w', buffering=1)
        sys.exit(run_inner())
    sys.exit(run_outer())

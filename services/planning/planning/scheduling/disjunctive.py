"""Disjunctive-graph view of a pure job shop: machine sequences, heads, tails, critical blocks.

A schedule of a job shop without calendars is fully described by the order of the operations
on each machine; starts follow as the longest paths ("heads") in the graph of routing arcs plus
machine-order arcs. Local search (``tabu``) works on those orders, because swapping two
adjacent operations on a critical block is always feasible and cheap to evaluate.

Index ``n`` is a sentinel with zero duration, head and tail: it stands for "no predecessor /
successor", which keeps the hot loops free of branches on missing neighbours.
"""

from __future__ import annotations

from .flat import FlatProblem


class JobShop:
    """Static data: routing links, durations, machines and release times, as flat lists."""

    def __init__(self, durations: list[int], job_ops: list[list[int]], machine_of: list[int],
                 release: list[int]) -> None:
        n = len(durations)
        self.n = n
        self.d = list(durations) + [0]
        self.rel = list(release) + [0]
        self.has_release = any(release)
        self.machine_of = machine_of
        self.n_machines = max(machine_of, default=-1) + 1
        self.jp, self.jn = [n] * n, [n] * n
        for ops in job_ops:
            for before, after in zip(ops, ops[1:], strict=False):
                self.jn[before], self.jp[after] = after, before
        self.last_ops = [ops[-1] for ops in job_ops if ops]

    @classmethod
    def from_flat(cls, flat: FlatProblem) -> JobShop | None:
        """None unless the problem is a classic job shop: every calendar always open and no
        frozen operation (calendars make durations start-dependent, which breaks the heads)."""
        if any(not cal.is_always_open for cal in flat.calendars):
            return None
        if any(fixed is not None for fixed in flat.op_fixed):
            return None
        return cls(flat.op_duration, flat.job_ops, flat.op_centre, flat.op_earliest)

    def sequences_from_starts(self, starts: list[int]) -> list[list[int]]:
        seqs: list[list[int]] = [[] for _ in range(self.n_machines)]
        for op in sorted(range(self.n), key=lambda op: (starts[op], self.d[op])):
            seqs[self.machine_of[op]].append(op)
        return seqs


class Sequencing:
    """Mutable machine orders plus the heads/tails computed from them."""

    def __init__(self, shop: JobShop, seqs: list[list[int]]) -> None:
        self.shop = shop
        n = shop.n
        self.head = [0] * (n + 1)
        self.tail = [0] * (n + 1)
        # head + duration and tail + duration, kept alongside: the hot loops read these.
        self.head_end = [0] * (n + 1)
        self.tail_start = [0] * (n + 1)
        self.mp, self.mn = [n] * n, [n] * n
        self.set_sequences(seqs)

    def set_sequences(self, seqs: list[list[int]]) -> None:
        n = self.shop.n
        self.seqs = [list(s) for s in seqs]
        mp, mn = self.mp, self.mn
        for seq in self.seqs:
            prev = n
            for op in seq:
                mp[op] = prev
                if prev != n:
                    mn[prev] = op
                prev = op
            if prev != n:
                mn[prev] = n
        self.pos = [0] * n
        for seq in self.seqs:
            for i, op in enumerate(seq):
                self.pos[op] = i

    def evaluate(self) -> int | None:
        """Heads (earliest starts) and tails (longest path after an operation's end) from
        scratch, with a topological order for later incremental updates; returns the
        makespan, or None if the machine orders contain a cycle."""
        shop = self.shop
        n, jp, jn, mp, mn = shop.n, shop.jp, shop.jn, self.mp, self.mn
        indeg = [(a != n) + (b != n) for a, b in zip(jp, mp, strict=True)]
        stack = [i for i in range(n) if not indeg[i]]
        order: list[int] = []
        push, pop, record = stack.append, stack.pop, order.append
        while stack:
            i = pop()
            record(i)
            for s in (jn[i], mn[i]):
                if s != n:
                    indeg[s] -= 1
                    if not indeg[s]:
                        push(s)
        if len(order) < n:
            return None
        self.order = order
        self.tpos = [0] * n
        for p, i in enumerate(order):
            self.tpos[i] = p
        return self._propagate(0, n - 1)

    def _propagate(self, lo: int, hi: int) -> int:
        """Recompute heads from topological position ``lo`` on and tails from ``hi`` down:
        only descendants (ancestors) of a change sit there."""
        shop = self.shop
        d, rel, jp, jn = shop.d, shop.rel, shop.jp, shop.jn
        mp, mn, order = self.mp, self.mn, self.order
        head, tail, head_end, tail_start = self.head, self.tail, self.head_end, self.tail_start
        if shop.has_release:
            for i in order[lo:]:
                h, hb, r = head_end[jp[i]], head_end[mp[i]], rel[i]
                if hb > h:
                    h = hb
                if r > h:
                    h = r
                head[i] = h
                head_end[i] = h + d[i]
        else:  # the common case, a fifth faster without the release test
            for i in order[lo:]:
                h, hb = head_end[jp[i]], head_end[mp[i]]
                if hb > h:
                    h = hb
                head[i] = h
                head_end[i] = h + d[i]
        for i in order[hi::-1]:
            t, tb = tail_start[jn[i]], tail_start[mn[i]]
            if tb > t:
                t = tb
            tail[i] = t
            tail_start[i] = t + d[i]
        return max([head_end[i] for i in shop.last_ops])

    def critical_blocks(self, cmax: int) -> list[list[int]]:
        """Blocks of one critical path: maximal runs of adjacent operations on one machine.
        Walking back from the end, machine predecessors are preferred when both are tight,
        which keeps blocks long (more moves to choose from)."""
        shop = self.shop
        n, jp = shop.n, shop.jp
        mp, head, head_end = self.mp, self.head, self.head_end
        cur = next(i for i in shop.last_ops if head_end[i] == cmax)
        blocks = [[cur]]
        while True:
            h = head[cur]
            a = mp[cur]
            if a != n and head_end[a] == h:
                blocks[-1].append(a)
            else:
                a = jp[cur]
                if a == n or head_end[a] != h:
                    break
                blocks.append([a])
            cur = a
        blocks.reverse()
        for block in blocks:
            block.reverse()
        return blocks

    def swap(self, u: int, v: int) -> int:
        """Swap ``u`` and its immediate machine successor ``v`` (which must not be linked by
        another path, as holds on a critical block); returns the new makespan."""
        n, mp, mn, pos = self.shop.n, self.mp, self.mn, self.pos
        before, after = mp[u], mn[v]
        seq = self.seqs[self.shop.machine_of[u]]
        i = pos[u]
        seq[i], seq[i + 1] = v, u
        pos[v], pos[u] = i, i + 1
        mp[v], mn[v], mp[u], mn[u] = before, u, v, after
        if before != n:
            mn[before] = v
        if after != n:
            mp[after] = u
        return self._reorder(u, v)

    def _reorder(self, u: int, v: int) -> int:
        # Pearce-Kelly repair of the topological order for the new arc v -> u: inside the
        # window of positions between them, what u reaches must move after what reaches v.
        shop, tpos, order = self.shop, self.tpos, self.order
        n, jp, jn, mp, mn = shop.n, shop.jp, shop.jn, self.mp, self.mn
        lo, hi = tpos[u], tpos[v]
        forward, stack, seen = [], [u], {u}
        while stack:
            x = stack.pop()
            forward.append(x)
            for y in (jn[x], mn[x]):
                if y != n and tpos[y] < hi and y not in seen:
                    seen.add(y)
                    stack.append(y)
        backward, stack, seen = [], [v], {v}
        while stack:
            x = stack.pop()
            backward.append(x)
            for y in (jp[x], mp[x]):
                if y != n and tpos[y] > lo and y not in seen:
                    seen.add(y)
                    stack.append(y)
        key = tpos.__getitem__
        moved = sorted(backward, key=key) + sorted(forward, key=key)
        for x, p in zip(moved, sorted(map(key, moved)), strict=True):
            order[p] = x
            tpos[x] = p
        return self._propagate(lo, hi)

    def starts(self) -> list[int]:
        return self.head[: self.shop.n]

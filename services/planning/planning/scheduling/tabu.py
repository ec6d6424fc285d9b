"""Tabu search for the job shop (makespan) with the N5 critical-block neighbourhood.

After Nowicki & Smutnicki (1996): only swaps of the first two or the last two operations of a
block on one critical path can shorten the makespan, and swapping two adjacent critical
operations never creates a cycle (any other path between them would be longer than the arc),
so every move is feasible without checking. Each candidate is
scored with the heads/tails estimate of the two longest paths through the swapped pair
(Taillard's approximation) in constant time; the best non-tabu move is applied even if it is
worse, which is what lets the search leave local optima. A move that would restore a recently
reversed arc is tabu for a randomised tenure unless it beats the best makespan (aspiration).

When the best has not improved for a while, the search jumps back to the best sequences and
perturbs them with a few random critical swaps (an iterated tabu search); this matters more in
Python than in the literature, because we can afford only thousands of iterations, not
millions.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from .disjunctive import JobShop, Sequencing


@dataclass
class TabuSettings:
    tenure_min: int = 8
    tenure_span: int = 8  # tenure drawn from [min, min + span) at each move
    # Iterations without a new best before a restart from the best: 1000 did a little better
    # than 600 or 2500 on ta01-ta10 at 15,000 iterations (2.2% vs 2.4% and 2.5%, two seeds).
    stall: int = 1000
    kicks: int = 4  # random critical swaps applied at a restart


@dataclass
class TabuResult:
    makespan: int
    starts: list[int]
    sequences: list[list[int]]
    iterations: int


def n5_moves(blocks: list[list[int]], jn: list[int]) -> list[tuple[int, int]]:
    """Adjacent pairs (u before v) whose swap may shorten the critical path. A pair that is
    also consecutive in its routing (an order visiting a centre twice) cannot be swapped."""
    moves: list[tuple[int, int]] = []
    last = len(blocks) - 1
    if last == 0:
        return moves  # a single block: the makespan is the machine's load, nothing to gain
    for k, block in enumerate(blocks):
        if len(block) < 2:
            continue
        if k > 0:
            moves.append((block[0], block[1]))
        if k < last and (k == 0 or len(block) > 2):
            moves.append((block[-2], block[-1]))
    return [(u, v) for u, v in moves if jn[u] != v]


def tabu_search(shop: JobShop, seqs: list[list[int]], deadline: float,
                seed: int = 0, settings: TabuSettings | None = None,
                max_iterations: int | None = None, lower_bound: int = 0) -> TabuResult:
    """Best sequences found from ``seqs`` before ``deadline`` (``time.perf_counter`` value),
    stopping early at ``lower_bound``. Never worse than the start."""
    cfg = settings or TabuSettings()
    rng = random.Random(seed)
    state = Sequencing(shop, seqs)
    cmax = state.evaluate()
    if cmax is None:
        raise ValueError("the starting machine orders contain a cycle")
    best, best_seqs, best_starts = cmax, [list(s) for s in state.seqs], state.starts()
    d, rel, jp, jn = shop.d, shop.rel, shop.jp, shop.jn
    head_end, tail_start, mp, mn = state.head_end, state.tail_start, state.mp, state.mn
    tabu: dict[tuple[int, int], int] = {}
    it = since_best = 0
    while best > lower_bound and (max_iterations is None or it < max_iterations):
        it += 1
        if it & 15 == 0 and time.perf_counter() > deadline:
            break
        moves = n5_moves(state.critical_blocks(cmax), jn)
        if not moves:
            # The critical path is one machine's block or one routing: without release times
            # that is a lower bound, so nothing can be shorter; otherwise try elsewhere.
            if cmax == best:
                break
            since_best = cfg.stall
        chosen, chosen_est, fallback = None, None, None
        for u, v in moves:
            # Longest paths through v then u after the swap, from the current heads/tails.
            rv = max(head_end[jp[v]], head_end[mp[u]], rel[v])
            ru = max(head_end[jp[u]], rv + d[v], rel[u])
            qu = max(tail_start[jn[u]], tail_start[mn[v]])
            qv = max(tail_start[jn[v]], qu + d[u])
            est = max(rv + d[v] + qv, ru + d[u] + qu)
            if tabu.get((v, u), 0) > it and est >= best:
                if fallback is None or tabu[(v, u)] < tabu[fallback]:
                    fallback = (v, u)
                continue
            if chosen_est is None or est < chosen_est or (est == chosen_est and rng.random() < .5):
                chosen, chosen_est = (u, v), est
        if chosen is None and fallback is not None:
            chosen = (fallback[1], fallback[0])  # all tabu: take the one that expires first
        if chosen is not None and since_best < cfg.stall:
            u, v = chosen
            cmax = state.swap(u, v)
            tabu[(u, v)] = it + cfg.tenure_min + rng.randrange(cfg.tenure_span)
        else:
            state.set_sequences(best_seqs)
            cmax = _kick(state, cfg.kicks, rng)
            tabu.clear()
            since_best = 0
        since_best += 1
        if cmax < best:
            best, best_seqs, best_starts = cmax, [list(s) for s in state.seqs], state.starts()
            since_best = 0
    return TabuResult(best, best_starts, best_seqs, it)


def _kick(state: Sequencing, kicks: int, rng: random.Random) -> int:
    """Random swaps of adjacent operations inside critical blocks (always feasible)."""
    cmax = state.evaluate()
    assert cmax is not None
    for _ in range(kicks):
        jn = state.shop.jn
        pairs = [(b[i], b[i + 1]) for b in state.critical_blocks(cmax)
                 for i in range(len(b) - 1) if jn[b[i]] != b[i + 1]]
        if not pairs:
            break
        cmax = state.swap(*rng.choice(pairs))
    return cmax

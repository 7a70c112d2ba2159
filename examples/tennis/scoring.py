"""Tennis scoring: the rules the judge's "point" button applies, as a pure function.

A match is best of three sets. Inside a game the points go ``0 → 15 → 30 → 40 → game``; at 40–40
(deuce) the next point gives advantage (``"AD"``), and the one after either wins the game or goes
back to deuce. A set is won at 6 games with a 2-game lead (6–0 … 6–4, 7–5). At 6–6 a **tie-break**
decides the set 7–6: its points count ``"0", "1", "2", …`` (still strings, as in the article's
format) and the first player to 7 points with a 2-point lead wins it. The server changes after every
game, the tie-break counting as one game (point-by-point service inside the tie-break is not
tracked). The match is complete when a player has won 2 sets; a complete match accepts no points.

`MatchState` holds exactly what the database stores: the article's ``score`` JSON (``points`` and
``games`` per player), ``currentSet``, ``server``, ``isComplete`` and the finished sets (the ``Set``
table). When a set ends its games go to the set history and both counters restart at 0; when the
match ends ``currentSet`` stays at the last set played.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

GAME_POINTS = ("0", "15", "30", "40")
ADVANTAGE = "AD"
SETS_TO_WIN = 2
GAMES_TO_WIN_SET = 6
TIEBREAK_POINTS = 7


class MatchComplete(ValueError):
    """A point was added to a match that is already over."""


@dataclass(frozen=True, slots=True)
class PlayerScore:
    """One player's part of the current set: the points of the current game and the games won."""

    points: str = "0"
    games: int = 0


@dataclass(frozen=True, slots=True)
class SetScore:
    """A finished set, as a row of the ``Set`` table."""

    set_number: int
    player1_games: int
    player2_games: int

    @property
    def winner(self) -> int:
        return 1 if self.player1_games > self.player2_games else 2


@dataclass(frozen=True, slots=True)
class MatchState:
    """Everything a match's score is made of (the columns of ``Match`` plus its ``Set`` rows)."""

    player1: PlayerScore = PlayerScore()
    player2: PlayerScore = PlayerScore()
    current_set: int = 1
    server: int = 1
    is_complete: bool = False
    sets: tuple[SetScore, ...] = ()

    def player(self, n: int) -> PlayerScore:
        return self.player1 if n == 1 else self.player2

    def sets_won(self, n: int) -> int:
        return sum(1 for s in self.sets if s.winner == n)

    @property
    def winner(self) -> int | None:
        for n in (1, 2):
            if self.sets_won(n) >= SETS_TO_WIN:
                return n
        return None

    @property
    def in_tiebreak(self) -> bool:
        return self.player1.games == GAMES_TO_WIN_SET and self.player2.games == GAMES_TO_WIN_SET

    def score_json(self) -> dict[str, Any]:
        """The ``score`` column, exactly the article's format."""
        return score_json(self.player1, self.player2)


def score_json(player1: PlayerScore, player2: PlayerScore) -> dict[str, Any]:
    """``{"player1": {"points": "0", "games": 0}, "player2": {...}}`` (the article's JSON)."""
    return {
        "player1": {"points": player1.points, "games": player1.games},
        "player2": {"points": player2.points, "games": player2.games},
    }


def players_from_json(score: dict[str, Any]) -> tuple[PlayerScore, PlayerScore]:
    """The inverse of `score_json`."""
    return (
        PlayerScore(str(score["player1"]["points"]), int(score["player1"]["games"])),
        PlayerScore(str(score["player2"]["points"]), int(score["player2"]["games"])),
    )


def _game_winner(own: str, other: str) -> tuple[str, str, bool]:
    """A regular game: (own points, other points, game won) after `own` wins a point."""
    if own == ADVANTAGE:
        return own, other, True
    if other == ADVANTAGE:  # back to deuce
        return "40", "40", False
    if own == "40":
        if other == "40":
            return ADVANTAGE, other, False
        return own, other, True
    return GAME_POINTS[GAME_POINTS.index(own) + 1], other, False


def _tiebreak_winner(own: str, other: str) -> tuple[str, str, bool]:
    mine, theirs = int(own) + 1, int(other)
    return str(mine), other, mine >= TIEBREAK_POINTS and mine - theirs >= 2


def add_point(state: MatchState, player: int) -> MatchState:
    """The state after `player` (1 or 2) wins a point. Raises `MatchComplete` when it is over."""
    if player not in (1, 2):
        raise ValueError(f"player must be 1 or 2, not {player!r}")
    if state.is_complete:
        raise MatchComplete("This match is complete: no more points can be added.")
    own, other = state.player(player), state.player(3 - player)
    tiebreak = state.in_tiebreak
    step = _tiebreak_winner if tiebreak else _game_winner
    own_points, other_points, game_won = step(own.points, other.points)
    if not game_won:
        return _with_players(state, player, replace(own, points=own_points), replace(other, points=other_points))

    own_games = own.games + 1
    set_won = tiebreak or (own_games >= GAMES_TO_WIN_SET and own_games - other.games >= 2)
    server = 3 - state.server
    if not set_won:
        state = _with_players(state, player, PlayerScore("0", own_games), PlayerScore("0", other.games))
        return replace(state, server=server)

    games = {player: own_games, 3 - player: other.games}
    finished = SetScore(state.current_set, games[1], games[2])
    sets = state.sets + (finished,)
    done = sum(1 for s in sets if s.winner == player) >= SETS_TO_WIN
    return MatchState(
        player1=PlayerScore(),
        player2=PlayerScore(),
        current_set=state.current_set if done else state.current_set + 1,
        server=server,
        is_complete=done,
        sets=sets,
    )


def _with_players(state: MatchState, player: int, own: PlayerScore, other: PlayerScore) -> MatchState:
    if player == 1:
        return replace(state, player1=own, player2=other)
    return replace(state, player1=other, player2=own)


def display_points(state: MatchState) -> tuple[str, str]:
    """What the scoreboard shows for the current game (``Deuce`` is shown by the page)."""
    return state.player1.points, state.player2.points


def status_line(state: MatchState, names: tuple[str, str]) -> str:
    """A one-line summary of the state for people: who won, tie-break, deuce, advantage."""
    if state.is_complete and state.winner:
        return f"{names[state.winner - 1]} won the match"
    if state.in_tiebreak:
        return "Tie-break"
    p1, p2 = state.player1.points, state.player2.points
    if p1 == "40" and p2 == "40":
        return "Deuce"
    if ADVANTAGE in (p1, p2):
        return f"Advantage {names[0] if p1 == ADVANTAGE else names[1]}"
    return ""

"""The scoring rules: examples, then properties over any sequence of points (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.tennis import scoring
from examples.tennis.scoring import MatchComplete, MatchState, PlayerScore, SetScore, add_point


def play(points: str, state: MatchState | None = None) -> MatchState:
    """Play a string of "1"/"2" points from `state` (default: a new match)."""
    state = state or MatchState()
    for c in points:
        state = add_point(state, int(c))
    return state


def test_points_of_a_game():
    assert [play("1" * n).player1.points for n in range(4)] == ["0", "15", "30", "40"]
    s = play("1111")
    assert (s.player1, s.player2) == (PlayerScore("0", 1), PlayerScore("0", 0))
    assert s.server == 2


def test_deuce_and_advantage():
    s = play("111222")
    assert (s.player1.points, s.player2.points) == ("40", "40")
    assert scoring.status_line(s, ("A", "B")) == "Deuce"
    s = add_point(s, 2)
    assert (s.player1.points, s.player2.points) == ("40", "AD")
    assert scoring.status_line(s, ("A", "B")) == "Advantage B"
    s = add_point(s, 1)  # back to deuce
    assert (s.player1.points, s.player2.points) == ("40", "40")
    s = play("11", s)
    assert (s.player1, s.player2) == (PlayerScore("0", 1), PlayerScore("0", 0))


def test_set_at_six_with_two_games_lead():
    s = play("1111" * 5 + "2222" * 4)  # 5-4
    assert (s.player1.games, s.player2.games, s.sets) == (5, 4, ())
    s = play("1111", s)  # 6-4: set
    assert s.sets == (SetScore(1, 6, 4),)
    assert (s.player1.games, s.player2.games, s.current_set) == (0, 0, 2)


def test_seven_five():
    s = play("1111" * 5 + "2222" * 5 + "1111")  # 6-5: not yet
    assert (s.player1.games, s.player2.games, s.sets) == (6, 5, ())
    s = play("1111", s)
    assert s.sets == (SetScore(1, 7, 5),)


def test_tiebreak_at_six_all():
    s = play(("1111" + "2222") * 6)
    assert (s.player1.games, s.player2.games) == (6, 6) and s.in_tiebreak
    assert scoring.status_line(s, ("A", "B")) == "Tie-break"
    s = play("1" * 6 + "2" * 6, s)  # 6-6 in points: needs a 2-point lead
    assert (s.player1.points, s.player2.points) == ("6", "6") and s.sets == ()
    s = play("1", s)
    assert s.sets == ()
    s = play("1", s)  # 8-6
    assert s.sets == (SetScore(1, 7, 6),)
    assert (s.player1, s.player2) == (PlayerScore(), PlayerScore())


def test_match_won_at_two_sets_and_rejects_points():
    s = play("1111" * 12)
    assert s.is_complete and s.winner == 1
    assert s.sets == (SetScore(1, 6, 0), SetScore(2, 6, 0))
    assert s.current_set == 2
    with pytest.raises(MatchComplete):
        add_point(s, 2)


def test_third_set():
    s = play("1111" * 6 + "2222" * 6)
    assert not s.is_complete and s.current_set == 3
    s = play("2222" * 6, s)
    assert s.is_complete and s.winner == 2 and len(s.sets) == 3


def test_bad_player():
    with pytest.raises(ValueError):
        add_point(MatchState(), 3)


def test_score_json_is_the_articles_format():
    s = play("11")
    assert s.score_json() == {"player1": {"points": "30", "games": 0}, "player2": {"points": "0", "games": 0}}
    assert scoring.players_from_json(s.score_json()) == (s.player1, s.player2)


# --- properties ---------------------------------------------------------------------------------

points = st.lists(st.sampled_from([1, 2]), max_size=400)
GAME_VALUES = {"0", "15", "30", "40", "AD"}


def valid_set(s: SetScore) -> bool:
    hi, lo = max(s.player1_games, s.player2_games), min(s.player1_games, s.player2_games)
    return (hi == 6 and lo <= 4) or (hi == 7 and lo in (5, 6))


@settings(max_examples=300, deadline=None)
@given(points)
def test_any_sequence_yields_a_valid_score(seq):
    state = MatchState()
    played = 0
    for p in seq:
        if state.is_complete:
            with pytest.raises(MatchComplete):
                add_point(state, p)
            break
        before = state
        state = add_point(state, p)
        played += 1
        a, b = state.player1, state.player2
        if state.in_tiebreak:
            assert int(a.points) >= 0 and int(b.points) >= 0
            assert not (max(int(a.points), int(b.points)) >= 7 and abs(int(a.points) - int(b.points)) >= 2)
        else:
            assert {a.points, b.points} <= GAME_VALUES
            assert not (a.points == "AD" and b.points != "40") and not (b.points == "AD" and a.points != "40")
            assert not (a.points == "AD" and b.points == "AD")
        assert 0 <= a.games <= 6 and 0 <= b.games <= 6
        assert not (max(a.games, b.games) == 6 and abs(a.games - b.games) >= 2)
        assert all(valid_set(x) for x in state.sets)
        assert [x.set_number for x in state.sets] == list(range(1, len(state.sets) + 1))
        assert len(state.sets) <= 3
        assert max(state.sets_won(1), state.sets_won(2)) <= 2
        assert state.is_complete == (state.winner is not None)
        # The server changes exactly when a game ends.
        game_ended = (state.player1.games + state.player2.games + len(state.sets)) != (
            before.player1.games + before.player2.games + len(before.sets)
        ) or len(state.sets) != len(before.sets)
        assert (state.server != before.server) == game_ended
        # A point never takes anything away from the player who won it.
        assert state.sets_won(p) >= before.sets_won(p)


@settings(max_examples=200, deadline=None)
@given(points)
def test_a_set_ends_exactly_at_the_right_games(seq):
    """Replaying game by game: the set closes on the first game that makes it 6 with a 2-game
    lead, or 7 after 6-6 / 5-5, and never earlier or later."""
    state = MatchState()
    for p in seq:
        if state.is_complete:
            break
        before = state
        state = add_point(state, p)
        if len(state.sets) > len(before.sets):
            finished = state.sets[-1]
            g = {1: before.player1.games, 2: before.player2.games}
            g[p] += 1
            assert (finished.player1_games, finished.player2_games) == (g[1], g[2])
            assert valid_set(finished)
        elif state.player(p).games > before.player(p).games:
            # a game was won and the set goes on: not a winning score
            assert not valid_set(SetScore(0, state.player1.games, state.player2.games))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([1, 2]), min_size=1, max_size=40), st.sampled_from([1, 2]))
def test_completed_match_rejects_points(tail, winner):
    state = play(str(winner) * 48)  # 6-0 6-0
    assert state.is_complete
    for p in tail:
        with pytest.raises(MatchComplete):
            add_point(state, p)

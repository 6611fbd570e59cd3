%% Spawning and finishing N processes: each child sends one message to its
%% parent and ends; the parent spawns them all, then collects the N messages.
-module(spawn).
-export([main/1]).

child(Parent, I) -> Parent ! I.

collect(0, Total) -> Total;
collect(K, Total) -> receive I -> collect(K - 1, Total + I) end.

main([Arg]) ->
    N = list_to_integer(Arg),
    Me = self(),
    [spawn(fun() -> child(Me, I) end) || I <- lists:seq(0, N - 1)],
    io:format("~p ~p~n", [N, collect(N, 0)]),
    halt(0).

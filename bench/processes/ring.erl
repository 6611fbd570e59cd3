%% A ring of N processes (the main process and N-1 spawned ones) passes a
%% token around M times (N * M messages), then a stop once more around.
-module(ring).
-export([main/1]).

relay(Next) ->
    receive
        stop -> Next ! stop;
        Token -> Next ! Token, relay(Next)
    end.

rounds(_First, M, M) -> ok;
rounds(First, R, M) ->
    First ! R,
    receive _ -> ok end,
    rounds(First, R + 1, M).

main([NArg, MArg]) ->
    N = list_to_integer(NArg),
    M = list_to_integer(MArg),
    First = lists:foldl(fun(_, Next) -> spawn(fun() -> relay(Next) end) end, self(), lists:seq(1, N - 1)),
    rounds(First, 0, M),
    First ! stop,
    receive stop -> ok end,
    io:format("~p ~p ~p~n", [N, M, N * M]),
    halt(0).

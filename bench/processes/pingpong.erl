%% Two processes exchange N messages: the main process sends a number, the
%% other sends it back, N div 2 times.
-module(pingpong).
-export([main/1]).

pong() ->
    receive
        stop -> ok;
        {Sender, K} -> Sender ! K, pong()
    end.

loop(_Other, K, K, Total) -> Total;
loop(Other, K, Last, Total) ->
    Other ! {self(), K},
    receive R -> loop(Other, K + 1, Last, Total + R) end.

main([Arg]) ->
    N = list_to_integer(Arg),
    Other = spawn(fun pong/0),
    Total = loop(Other, 0, N div 2, 0),
    Other ! stop,
    io:format("~p ~p~n", [N, Total]),
    halt(0).

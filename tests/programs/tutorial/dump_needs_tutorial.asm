; --dump-registers only applies to tutorial programs.
.func main()
    returnnone
.end

; The entry function (the first one) must take no parameters.
.func main(argv)
    returnnone
.end

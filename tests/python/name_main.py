# A program runs as the main module: __name__ is "__main__".
def main():
    print("running", __name__)
    return 0
if __name__ == "__main__":
    main()
print(__name__ == "__main__", type(__name__).__name__)

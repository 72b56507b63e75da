"""The command line."""

from lib.store import load


def main():
    print(load("model.pkl"))


if __name__ == "__main__":
    main()

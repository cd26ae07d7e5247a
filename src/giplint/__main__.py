from giplint.cli import main

main()

from goaltrack.cli import main

main()

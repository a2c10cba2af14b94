from agenda.cli import main

main()

import AvailCLI

AvailCLI.main()

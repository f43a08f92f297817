# Run by `cmake --install': installs contrib/systemd/evtop-kiosk.service in
# PREFIX/lib/systemd/system with its ExecStart naming PREFIX/bin/evtop,
# the prefix being the one installed to.  EVTOP_UNIT_SOURCE (the unit),
# EVTOP_UNIT_WORK (a folder of the build) and EVTOP_UNIT_BINDIR (bin, or an
# absolute folder) are set before.
if(IS_ABSOLUTE "${EVTOP_UNIT_BINDIR}")
  set(bindir "${EVTOP_UNIT_BINDIR}")
else()
  set(bindir "${CMAKE_INSTALL_PREFIX}/${EVTOP_UNIT_BINDIR}")
endif()
file(READ "${EVTOP_UNIT_SOURCE}" unit)
string(REGEX REPLACE "\nExecStart=[^ \n]*" "\nExecStart=${bindir}/evtop"
       unit "${unit}")
file(MAKE_DIRECTORY "${EVTOP_UNIT_WORK}")
file(WRITE "${EVTOP_UNIT_WORK}/evtop-kiosk.service" "${unit}")
file(INSTALL DESTINATION "${CMAKE_INSTALL_PREFIX}/lib/systemd/system"
     TYPE FILE FILES "${EVTOP_UNIT_WORK}/evtop-kiosk.service")

/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-test
 * The Boost.Test suites as ns-3 test suites, for ns-3's own runner inside a
 * source tree (`./test.py -s mobisocket-wired-handover`, `./test.py -s
 * mobisocket`): one suite per Boost.Test executable, which runs it and
 * passes when every case of it passes. The executables are the same ones
 * CTest runs in the stand-alone build; the build names them
 * (MOBISOCKET_BOOST_TESTS) and says where they are (MOBISOCKET_BOOST_TEST_DIR).
 */

#include "ns3/test.h"

#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#if !defined(MOBISOCKET_BOOST_TEST_DIR) || !defined(MOBISOCKET_BOOST_TESTS)
#error "MOBISOCKET_BOOST_TEST_DIR and MOBISOCKET_BOOST_TESTS come from CMakeLists.txt"
#endif

namespace ns3
{
namespace
{

/// Runs one Boost.Test executable.
class BoostExecutableTestCase : public TestCase
{
  public:
    /// \param executable the executable's file name
    explicit BoostExecutableTestCase(const std::string& executable)
        : TestCase("every Boost.Test case of " + executable),
          m_executable(executable)
    {
    }

  private:
    void DoRun() override
    {
        std::string command = std::string(MOBISOCKET_BOOST_TEST_DIR) + "/" + m_executable +
                              " --report_level=short --color_output=false";
        int status = std::system(command.c_str());
        NS_TEST_ASSERT_MSG_EQ(status, 0, command << " failed (status " << status << ")");
    }

    std::string m_executable; //!< what to run
};

/// One Boost.Test executable as an ns-3 test suite.
class BoostExecutableTestSuite : public TestSuite
{
  public:
    /**
     * \param name the suite's name for test.py
     * \param executable the executable's file name
     */
    BoostExecutableTestSuite(const std::string& name, const std::string& executable)
        : TestSuite(name)
    {
        AddTestCase(new BoostExecutableTestCase(executable));
    }
};

/// Registers one suite per executable: "change-exchange-test" becomes mobisocket-change-exchange.
class BoostSuitesRegistry
{
  public:
    BoostSuitesRegistry()
    {
        std::istringstream names(MOBISOCKET_BOOST_TESTS);
        std::string executable;
        while (std::getline(names, executable, ','))
        {
            std::string name = executable.substr(0, executable.rfind("-test"));
            // ns-3 keeps the suites' addresses: each is allocated once, never moved.
            m_suites.push_back(
                std::make_unique<BoostExecutableTestSuite>("mobisocket-" + name, executable));
        }
    }

  private:
    std::vector<std::unique_ptr<BoostExecutableTestSuite>> m_suites; //!< the registered suites
};

/// The suites, registered with ns-3's test runner when the test library loads.
BoostSuitesRegistry g_boostSuites;

} // namespace
} // namespace ns3

/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-test
 * The paper's ordering rule, end to end, for every scheme that keeps the
 * connection (MobiSocket in band, over SIP and with application signalling,
 * TCP-R, the redirect daemon) on the wired test bed: the responder answers
 * the update before it resumes sending, and the mover resumes only on the
 * authentic answer. Broken, the mover sends a window of segments to the
 * responder's restart ACK while it still authenticates the answer, and its
 * own restart sends them all again: the check is that no data segment sent
 * after the move reaches its receiver twice, in either direction (segments
 * the queues drop are resent, and rightly so; a segment delivered twice was
 * resent for nothing).
 */

#define BOOST_TEST_MODULE ordering_rule
#include "mobisocket-test-support.h"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <limits>
#include <map>

using namespace ns3;
namespace bdata = boost::unit_test::data;

namespace
{

/// A scheme that keeps the connection, as scenario parameters.
struct Scheme
{
    const char* protocol;   //!< SchemeParameters::protocol
    const char* signalling; //!< SchemeParameters::signalling
};

/// Every scheme that keeps the connection.
const Scheme SCHEMES[] = {
    {"mobisocket", "inband"},
    {"mobisocket", "direct"},
    {"mobisocket", "application"},
    {"tcp-r", "direct"},
    {"redirect", "direct"},
};

/**
 * \param segments segments a host sent
 * \param destination to this address only
 * \param from at or after this time
 * \param to before this time
 * \return how many data segments it sent then
 */
int
DataSent(const std::vector<Segment>& segments, Ipv4Address destination, double from, double to)
{
    int n = 0;
    for (const Segment& s : segments)
    {
        double t = s.time.GetSeconds();
        n += s.IsData() && s.destination == destination && t >= from && t < to;
    }
    return n;
}

/**
 * \param segments segments a host sent
 * \param destination to this address only
 * \param from at or after this time
 * \return when it sent its first data segment then (infinity: never)
 */
double
FirstDataSent(const std::vector<Segment>& segments, Ipv4Address destination, double from)
{
    for (const Segment& s : segments)
    {
        if (s.IsData() && s.destination == destination && s.time.GetSeconds() >= from)
        {
            return s.time.GetSeconds();
        }
    }
    return std::numeric_limits<double>::infinity();
}

/**
 * \param received segments a host received
 * \param source from this address only
 * \param from at or after this time
 * \param to before this time
 * \return the largest number of times one data segment (sequence number) arrived then
 */
int
MostArrivalsOfOneSegment(const std::vector<Segment>& received,
                         Ipv4Address source,
                         double from,
                         double to)
{
    std::map<uint32_t, int> arrivals;
    int most = 0;
    for (const Segment& s : received)
    {
        double t = s.time.GetSeconds();
        if (s.IsData() && s.source == source && t >= from && t < to)
        {
            most = std::max(most, ++arrivals[s.sequence]);
        }
    }
    return most;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(ordering_rule, NsFixture)

/// Which way the data flows: MH to CH, CH to MH, both.
const char* const DIRECTIONS[] = {"uplink", "downlink", "both"};

BOOST_DATA_TEST_CASE(each_end_resumes_after_the_answer,
                     bdata::xrange(std::size(SCHEMES)) * bdata::xrange(3) *
                         bdata::make({true, false}),
                     scheme,
                     direction,
                     resetTimer)
{
    const bool uplink = direction != 1;
    const bool downlink = direction != 0;
    WiredScenario::Parameters p;
    p.protocol = SCHEMES[scheme].protocol;
    p.signalling = SCHEMES[scheme].signalling;
    p.resetTimer = resetTimer;
    p.prepareAfterS = 0.5; // the redirect daemon prepares the connection before the move
    p.daemonScanMs = 100;
    p.mhSendBytes = uplink ? 1000000 : 0;
    p.chSendBytes = downlink ? 1000000 : 0;
    p.streamKbps = 2000; // below the 10 Mb/s links: the queues never overflow
    p.mhMoveAtS = 1;
    p.mhOutageS = 1.5; // longer than the minimum RTO: the timers expire during the outage
    p.simTimeS = 15;
    WiredScenario run(p);
    Ptr<Node> mh = run.GetTopology().GetHost(WiredHandoverTopology::MH);
    Ptr<Node> ch = run.GetTopology().GetHost(WiredHandoverTopology::CH);
    SegmentRecorder mhTx;
    SegmentRecorder chTx;
    SegmentRecorder mhRx;
    SegmentRecorder chRx;
    mhTx.Attach(mh);
    chTx.Attach(ch);
    mhRx.AttachReceive(mh);
    chRx.AttachReceive(ch);
    ScenarioResult r = run.Run();

    BOOST_TEST_CONTEXT(p.protocol << "/" << p.signalling << ", " << DIRECTIONS[direction]
                                  << ", resetTimer " << resetTimer)
    {
        BOOST_TEST(r.verdict == Verdict::SURVIVED);
        BOOST_TEST(r.intact);
        BOOST_TEST(r.uplinkBytes == p.mhSendBytes);
        BOOST_TEST(r.downlinkBytes == p.chSendBytes);
        BOOST_REQUIRE(r.handovers.size() == 1u);
        const HandoverRecord& h = r.handovers[0];
        BOOST_TEST(h.leaseS == p.mhMoveAtS + p.mhOutageS, boost::test_tools::tolerance(1e-9));
        BOOST_TEST(h.peerUpdatedS <= h.peerAnsweredS);
        BOOST_TEST(h.peerAnsweredS <= h.confirmedS); // equal: application signalling
        // The responder sends the mover nothing at its new address before its
        // answer, and the mover sends nothing from it before the authentic answer.
        BOOST_TEST(DataSent(chTx.segments, MH_B, 0, h.peerAnsweredS) == 0);
        BOOST_TEST(DataSent(mhTx.segments, CH_A, h.leaseS, h.confirmedS) == 0);
        // Then they resume, and each restart is the only one: nothing either
        // sends up to 100 ms (five round trips) after its restart arrives twice.
        if (uplink)
        {
            double restart = FirstDataSent(mhTx.segments, CH_A, h.confirmedS);
            BOOST_TEST(restart < p.simTimeS);
            BOOST_TEST(MostArrivalsOfOneSegment(chRx.segments, MH_B, h.leaseS, restart + 0.1) == 1);
        }
        if (downlink)
        {
            double restart = FirstDataSent(chTx.segments, MH_B, h.peerAnsweredS);
            BOOST_TEST(restart < p.simTimeS);
            BOOST_TEST(MostArrivalsOfOneSegment(mhRx.segments, CH_A, h.leaseS, restart + 0.1) == 1);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

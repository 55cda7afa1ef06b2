/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MOBISOCKET_TEST_SUPPORT_H
#define MOBISOCKET_TEST_SUPPORT_H

#include "ns3/core-module.h"
#include "ns3/energy-module.h"
#include "ns3/internet-module.h"
#include "ns3/mobisocket-module.h"

#include <boost/test/unit_test.hpp>
#include <functional>
#include <string>
#include <vector>

/**
 * \defgroup mobisocket-test Tests of the mobisocket module
 * \ingroup mobisocket
 */

/**
 * \ingroup mobisocket-test
 * \brief MH's address on link 0 of the wired test bed (WiredHandoverTopology).
 */
inline const ns3::Ipv4Address MH_A("10.1.1.2");

/**
 * \ingroup mobisocket-test
 * \brief MH's address on link 1 of the wired test bed.
 */
inline const ns3::Ipv4Address MH_B("10.1.2.2");

/**
 * \ingroup mobisocket-test
 * \brief CH's address on link 0 of the wired test bed.
 */
inline const ns3::Ipv4Address CH_A("10.2.1.2");

/**
 * \ingroup mobisocket-test
 * \brief CH's address on link 1 of the wired test bed.
 */
inline const ns3::Ipv4Address CH_B("10.2.2.2");

/**
 * \ingroup mobisocket-test
 * \brief CPU time of one Ed25519 signature at 800 MHz (s): CryptoAgent's
 *        default SignCycles (368,212) over its default CpuFrequency.
 */
inline constexpr double SIGN = 368212 / 800e6;

/**
 * \ingroup mobisocket-test
 * \brief CPU time of one Ed25519 verification at 800 MHz (s): 650,102 cycles.
 */
inline constexpr double VERIFY = 650102 / 800e6;

/**
 * \ingroup mobisocket-test
 * \brief CPU time of one X25519 operation, a key share or a key agreement,
 *        at 800 MHz (s): 527,102 cycles.
 */
inline constexpr double X25519 = 527102 / 800e6;

/**
 * \ingroup mobisocket-test
 * \brief CPU busy power (W): 0.25 A at 3.7 V.
 */
inline constexpr double ENERGY_PER_S = 0.25 * 3.7;

/**
 * \ingroup mobisocket-test
 * \brief Boost.Test fixture: every case starts from a clean ns-3 (default
 *        attributes, seed 1, run 1) and leaves none of its state behind.
 */
struct NsFixture
{
    NsFixture();
    ~NsFixture();
};

/**
 * \ingroup mobisocket-test
 * \brief How a call that should stop the program ended (RunInChild()).
 */
struct ChildOutcome
{
    bool stopped{false};    //!< it ended by a signal or a non-zero exit status
    std::string stderrText; //!< what it wrote to the standard error
};

/**
 * \ingroup mobisocket-test
 * \brief Run a call in a forked child process, to check that a misuse
 *        stops the program with a clear message (NS_ABORT_MSG) instead of
 *        crashing or carrying on.
 * \param call the call; the child exits with status 0 if it returns
 * \return how the child ended and what it wrote to its standard error
 */
ChildOutcome RunInChild(const std::function<void()>& call);

/**
 * \ingroup mobisocket-test
 * \brief The timing checks of a ResetTimer test, the same on IPv4 and IPv6:
 *        the retransmissions of the head segment during the outage double,
 *        and the first data segment from the new address leaves within one
 *        RTT (20 ms) of the update with ResetTimer, or at the backed-off
 *        timer's next expiry (more than 1 s after the update) without it.
 * \param retransmissions when the head segment was sent during the outage (3 at least)
 * \param firstNew when the first data segment from the new address left
 * \param update when the peer's update (and ResetTimer) came
 * \param resetTimer whether ResetTimer was called
 */
void CheckRestartTiming(const std::vector<ns3::Time>& retransmissions,
                        ns3::Time firstNew,
                        ns3::Time update,
                        bool resetTimer);

/**
 * \ingroup mobisocket-test
 * \brief One TCP segment seen leaving a host.
 */
struct Segment
{
    ns3::Time time;               //!< when it left the IP layer
    ns3::Ipv4Address source;      //!< IP source
    ns3::Ipv4Address destination; //!< IP destination
    uint16_t sourcePort{0};       //!< TCP source port
    uint16_t destinationPort{0};  //!< TCP destination port
    uint8_t flags{0};             //!< TCP flags
    uint32_t sequence{0};         //!< sequence number
    uint32_t ack{0};              //!< acknowledgement number
    uint32_t payload{0};          //!< payload bytes
    bool mobilityOption{false};   //!< carries the MobiSocket SYN option

    /// \return true for a data segment (payload, no URG)
    bool IsData() const;
};

/**
 * \ingroup mobisocket-test
 * \brief Records every TCP segment a node sends (IPv4 Tx trace) or
 *        receives (IPv4 Rx trace).
 */
class SegmentRecorder
{
  public:
    /**
     * \brief Start recording a node's TCP transmissions.
     * \param node the node
     */
    void Attach(ns3::Ptr<ns3::Node> node);

    /**
     * \brief Start recording the TCP segments a node receives from its
     *        devices (before TCP sees them).
     * \param node the node
     */
    void AttachReceive(ns3::Ptr<ns3::Node> node);

    std::vector<Segment> segments; //!< what was sent, in order

  private:
    /**
     * \brief Ipv4L3Protocol Tx trace sink.
     * \param packet the packet with its IP header
     * \param ipv4 the IPv4 stack
     * \param interface the interface
     */
    void Tx(ns3::Ptr<const ns3::Packet> packet, ns3::Ptr<ns3::Ipv4> ipv4, uint32_t interface);
};

/**
 * \ingroup mobisocket-test
 * \brief Data segments a recorder saw from a given source address.
 * \param recorder the recorder
 * \param source the IP source address
 * \return the data segments (Segment::IsData) from it, in order
 */
std::vector<Segment> DataFrom(const SegmentRecorder& recorder, ns3::Ipv4Address source);

/**
 * \ingroup mobisocket-test
 * \brief How the segments of one run compare, position by position, with
 *        those of a reference run (see CompareWire()).
 */
struct WireComparison
{
    int mismatches{0};        //!< positions that differ (see CompareWire())
    int optionDifferences{0}; //!< positions where only one carries the mobility option
    ns3::Time maxShift;       //!< largest difference of the send times
};

/**
 * \ingroup mobisocket-test
 * \brief Compare two runs' segments position by position. A position is a
 *        mismatch when the flags, sequence, ack, payload, source port or
 *        source address differ, or (if optionIsMismatch) when the segment of
 *        other carries the mobility option.
 * \param reference the segments of the reference run
 * \param other the segments of the run compared with it (the caller checks
 *        first that there are as many; only the common positions are compared)
 * \param optionIsMismatch count a segment of other with the option as a mismatch
 * \return the comparison
 */
WireComparison CompareWire(const std::vector<Segment>& reference,
                           const std::vector<Segment>& other,
                           bool optionIsMismatch);

/**
 * \ingroup mobisocket-test
 * \brief What a WiredRun sets up.
 */
struct WiredRunConfig
{
    bool mhMobile{true};           //!< MH uses MobiSocket (false: plain TCP)
    bool chMobile{true};           //!< CH uses MobiSocket (false: plain TCP)
    bool activate{true};           //!< MobiSockets activate mobility
    bool mhConnects{true};         //!< MH connects to CH (false: CH connects to MH)
    uint64_t mhSendBytes{2000000}; //!< pattern bytes MH sends
    uint64_t chSendBytes{0};       //!< pattern bytes CH sends
    ns3::MobiSocket::Signalling signalling{ns3::MobiSocket::APPLICATION}; //!< who signals
    bool giveKeys{true};                //!< hand each socket its own key pair
    bool givePeerKeys{true};            //!< and the peer's public key
    bool resetTimerAfterChange{true};   //!< MobiSocket attribute
    ns3::Time start{ns3::Seconds(0.1)}; //!< when the active side connects
    /// socket factory of a "mobile" host (e.g. ns3::RedirectSocketFactory)
    ns3::TypeId mobileFactory{ns3::MobiSocketFactory::GetTypeId()};
};

/**
 * \ingroup mobisocket-test
 * \brief The wired test bed with one checked connection between MH and CH:
 *        a WiredScenario built from a WiredRunConfig, with the names the
 *        tests use.
 */
class WiredRun
{
  public:
    static constexpr uint16_t PORT = 5001; //!< listening port

    /**
     * \brief Build the topology and the applications; install the scheme
     *        (except the redirect daemons: InstallRedirectDaemons()).
     * \param config what to set up
     */
    explicit WiredRun(const WiredRunConfig& config);

    ns3::WiredScenario scenario;               //!< the scenario behind it
    ns3::WiredHandoverTopology& topology;      //!< the network
    ns3::Ed25519KeyPair mhKeys;                //!< MH's key pair
    ns3::Ed25519KeyPair chKeys;                //!< CH's key pair
    ns3::Ptr<ns3::IntegrityApplication> mhApp; //!< MH side of the stream
    ns3::Ptr<ns3::IntegrityApplication> chApp; //!< CH side of the stream
    SegmentRecorder mhTx;                      //!< segments MH sends
    SegmentRecorder chTx;                      //!< segments CH sends

    /// \return MH's connected socket as a MobiSocket (null if none or plain TCP)
    ns3::Ptr<ns3::MobiSocket> MhSocket() const;
    /// \return CH's connected socket as a MobiSocket (null if none or plain TCP)
    ns3::Ptr<ns3::MobiSocket> ChSocket() const;

    /**
     * \brief React to every address change as the application does: the
     *        host that moved updates SOURCE at once; with application
     *        signalling its peer updates DESTINATION after a delay (standing
     *        in for the INFO exchange), then both call ResetTimer if asked.
     *        With in-band signalling the socket informs the peer itself.
     * \param peerDelay when the peer learns the new address, after the move
     * \param resetTimer call ResetTimer on both after the peer's update
     */
    void UpdateOnMove(ns3::Time peerDelay, bool resetTimer);

    /**
     * \brief Run the simulation.
     * \param stop when to stop
     */
    void Run(ns3::Time stop);

    /**
     * \brief Install the redirect-daemon baseline on both hosts and tell a
     *        host's daemon when its address changes (replaces any address
     *        change callback). Use with mobileFactory = RedirectSocketFactory.
     * \param helper the configured helper
     */
    void InstallRedirectDaemons(const ns3::RedirectDaemonHelper& helper);

    ns3::Ptr<ns3::RedirectDaemon> mhDaemon; //!< MH's redirect daemon (if installed)
    ns3::Ptr<ns3::RedirectDaemon> chDaemon; //!< CH's redirect daemon (if installed)
};

/**
 * \brief Put a hand-made URG|ACK segment on the wire, as an attacker (or a
 *        replaying middlebox) would; the source address may be spoofed.
 * \param node the node that sends it
 * \param source IP source
 * \param sourcePort TCP source port
 * \param destination IP destination
 * \param destinationPort TCP destination port
 * \param payload the segment payload
 */
void InjectUrgentSegment(ns3::Ptr<ns3::Node> node,
                         ns3::Ipv4Address source,
                         uint16_t sourcePort,
                         ns3::Ipv4Address destination,
                         uint16_t destinationPort,
                         const std::vector<uint8_t>& payload);

/**
 * \ingroup mobisocket-test
 * \brief Send a SYN carrying a Migrate option built from a message (a
 *        MigrateSynHeader or MigrateSynAckHeader with its tag), as a forger
 *        would; the source address may be spoofed.
 * \param node the node that sends it
 * \param source IP source
 * \param sourcePort TCP source port
 * \param destination IP destination
 * \param destinationPort TCP destination port
 * \param message the message the option carries
 */
void InjectMigrateSyn(ns3::Ptr<ns3::Node> node,
                      ns3::Ipv4Address source,
                      uint16_t sourcePort,
                      ns3::Ipv4Address destination,
                      uint16_t destinationPort,
                      const ns3::MobilityControlHeader& message);

/**
 * \param header a header
 * \return its serialized bytes
 */
std::vector<uint8_t> Serialize(const ns3::Header& header);

/**
 * \ingroup mobisocket-test
 * \brief Records when a trace fired last, and how often.
 */
struct When
{
    ns3::Time at; //!< last time
    int n{0};     //!< count

    /// Record now.
    void Now()
    {
        at = ns3::Simulator::Now();
        ++n;
    }

    /// \param h ignored
    void Update(const ns3::AddressUpdateHeader& h)
    {
        Now();
    }

    /// \param h ignored
    void Confirm(const ns3::AddressConfirmHeader& h)
    {
        Now();
    }

    /**
     * \param sequence ignored
     * \param reason ignored
     */
    void Failure(uint32_t sequence, ns3::ChangeFailReason reason)
    {
        Now();
    }
};

/**
 * \ingroup mobisocket-test
 * \brief The wired test bed (20 ms round trip) with a scheme whose host TCP
 *        layer is told of address changes (TCP-R, TCP Migrate) on both hosts,
 *        or plain TCP on the CH: the MH sends a pattern to the CH.
 * \tparam Helper the scheme's helper (a KeyAgreeingSocketHelper)
 * \tparam Factory its socket factory
 * \tparam SocketT its socket class
 */
template <class Helper, class Factory, class SocketT>
struct KeyAgreeingBed
{
    /// The CH's listening port.
    static constexpr uint16_t PORT = 5001;

    ns3::WiredHandoverTopology topology;       //!< the network
    ns3::Ptr<ns3::IntegrityApplication> mhApp; //!< MH side (connects)
    ns3::Ptr<ns3::IntegrityApplication> chApp; //!< CH side (listens)
    SegmentRecorder mhTx;                      //!< segments MH sends
    SegmentRecorder chTx;                      //!< segments CH sends

    /**
     * \param bytes pattern bytes the MH sends
     * \param chKeyed the CH runs the scheme (else plain TCP)
     */
    explicit KeyAgreeingBed(uint64_t bytes, bool chKeyed = true)
    {
        using namespace ns3;
        Helper().Install(topology.GetHosts());
        mhApp = CreateObject<IntegrityApplication>();
        chApp = CreateObject<IntegrityApplication>();
        mhApp->SetAttribute("Protocol", TypeIdValue(Factory::GetTypeId()));
        chApp->SetAttribute(
            "Protocol",
            TypeIdValue(chKeyed ? Factory::GetTypeId() : TcpSocketFactory::GetTypeId()));
        chApp->SetAttribute("Local", AddressValue(InetSocketAddress(Ipv4Address::GetAny(), PORT)));
        mhApp->SetAttribute("Remote", AddressValue(InetSocketAddress(CH_A, PORT)));
        mhApp->SetAttribute("SendBytes", UintegerValue(bytes));
        topology.GetHost(WiredHandoverTopology::MH)->AddApplication(mhApp);
        topology.GetHost(WiredHandoverTopology::CH)->AddApplication(chApp);
        mhApp->SetStartTime(Seconds(0.1));
        mhTx.Attach(topology.GetHost(WiredHandoverTopology::MH));
        chTx.Attach(topology.GetHost(WiredHandoverTopology::CH));
    }

    /// \return the MH's connection
    ns3::Ptr<SocketT> Mh() const
    {
        return ns3::DynamicCast<SocketT>(mhApp->GetSocket());
    }

    /// \return the CH's connection
    ns3::Ptr<SocketT> Ch() const
    {
        return ns3::DynamicCast<SocketT>(chApp->GetSocket());
    }

    /**
     * \brief Move a host, its TCP layer following: the address is lost when
     *        the link fails, the new one comes after the outage (every host's
     *        new address is passed to its TCP layer).
     * \param host the host that moves
     * \param start when the link fails
     * \param outage until the new address
     */
    void Move(ns3::WiredHandoverTopology::Host host, ns3::Time start, ns3::Time outage)
    {
        using namespace ns3;
        topology.ScheduleHandover(host, start, outage);
        Simulator::Schedule(start, &Helper::NotifyAddressLost, topology.GetHost(host));
        topology.SetAddressChangeCallback(
            MakeCallback(+[](WiredHandoverTopology* t,
                             uint32_t moved,
                             Ipv4Address,
                             Ipv4Address address) {
                Helper::NotifyNewAddress(t->GetHost(WiredHandoverTopology::Host(moved)), address);
            }).Bind(&topology));
    }

    /**
     * \brief Move the MH (see Move()).
     * \param start when the link fails
     * \param outage until the new address
     */
    void MoveMh(ns3::Time start, ns3::Time outage)
    {
        Move(ns3::WiredHandoverTopology::MH, start, outage);
    }

    /**
     * \param r a recorder
     * \param flags TCP flags
     * \return segments the recorder saw with all of these flags
     */
    static int Count(const SegmentRecorder& r, uint8_t flags)
    {
        int n = 0;
        for (const Segment& s : r.segments)
        {
            n += (s.flags & flags) == flags;
        }
        return n;
    }

    /**
     * \param after start, excluded
     * \param before end, excluded
     * \return data segments the MH sent strictly between the two times
     */
    int MhDataBetween(ns3::Time after, ns3::Time before) const
    {
        int n = 0;
        for (const Segment& s : mhTx.segments)
        {
            n += s.IsData() && s.time > after && s.time < before;
        }
        return n;
    }

    /// \return control segments (URG) a recorder saw
    static int Control(const SegmentRecorder& r)
    {
        return Count(r, ns3::TcpHeader::URG);
    }

    /**
     * \param host MH or CH
     * \param op an operation
     * \return the host's count of it
     */
    uint64_t Ops(ns3::WiredHandoverTopology::Host host, ns3::CryptoAgent::Operation op) const
    {
        return topology.GetHost(host)->GetObject<ns3::CryptoAgent>()->GetCount(op);
    }
};

/**
 * \param config a WiredRun configuration
 * \return the WiredScenario parameters it stands for
 */
ns3::WiredScenario::Parameters WiredParameters(const WiredRunConfig& config);

/**
 * \ingroup mobisocket-test
 * \brief Find a node's crypto record in a scenario result; aborts the test
 *        case (BOOST_REQUIRE) if there is none.
 * \param r the scenario result
 * \param host the host
 * \return the host's crypto record
 */
const ns3::HandoverScenario::NodeCrypto& CryptoOf(const ns3::HandoverScenario::Result& r,
                                                  ns3::Host host);

/**
 * \ingroup mobisocket-test
 * \brief Roam on the signal, as a real station does: APs 80 m apart on
 *        channels 36 and 44, the signal policy with active scanning (the
 *        scan's channels and times are the caller's, or the scenario's
 *        defaults).
 * \param p the scenario, changed
 */
void UseSignalRoaming(ns3::HandoverScenario::Parameters& p);

/**
 * \ingroup mobisocket-test
 * \brief Run a scheme named as the tests name them.
 * \param p the parameters to set
 * \param scheme a MobiSocket signalling (inband, direct, proxy, application)
 *        or a baseline's protocol (tcp-r, migrate, redirect)
 * \return true for the baselines that agree a secret in advance (MACs at the move)
 */
bool UseScheme(ns3::HandoverScenario::Parameters& p, const std::string& scheme);

/**
 * \param address an InetSocketAddress
 * \return its IPv4 address
 */
ns3::Ipv4Address AddressOf(const ns3::Address& address);

/**
 * \param address an InetSocketAddress
 * \return its port
 */
uint16_t PortOf(const ns3::Address& address);

/**
 * \ingroup mobisocket-test
 * \brief Open and close 1, 4 and 10 short connections from the MH to the CH
 *        with no handover, and check that each cost exactly one key share
 *        and one key agreement on both ends (TCP-R, TCP Migrate).
 * \tparam Helper the scheme's helper
 * \tparam Factory its socket factory
 */
template <class Helper, class Factory>
void
CheckOneKeyAgreementPerConnection()
{
    using namespace ns3;
    constexpr uint16_t port = 5001;
    for (uint32_t n : {1u, 4u, 10u})
    {
        WiredHandoverTopology topology;
        Helper().Install(topology.GetHosts());
        Ptr<IntegrityApplication> sink = CreateObject<IntegrityApplication>();
        sink->SetAttribute("Protocol", TypeIdValue(Factory::GetTypeId()));
        sink->SetAttribute("Local", AddressValue(InetSocketAddress(Ipv4Address::GetAny(), port)));
        topology.GetHost(WiredHandoverTopology::CH)->AddApplication(sink);
        for (uint32_t i = 0; i < n; ++i)
        {
            Ptr<Socket> s = Socket::CreateSocket(topology.GetHost(WiredHandoverTopology::MH),
                                                 Factory::GetTypeId());
            Simulator::Schedule(Seconds(0.1 + 0.2 * i),
                                [s]() { s->Connect(InetSocketAddress(CH_A, port)); });
            Simulator::Schedule(Seconds(0.2 + 0.2 * i), [s]() { s->Close(); });
        }
        Simulator::Stop(Seconds(0.2 * n + 2));
        Simulator::Run();
        BOOST_TEST_CONTEXT(n << " connections")
        {
            for (auto host : {WiredHandoverTopology::MH, WiredHandoverTopology::CH})
            {
                Ptr<CryptoAgent> agent = topology.GetHost(host)->template GetObject<CryptoAgent>();
                BOOST_TEST(agent->GetCount(CryptoAgent::KEY_GENERATION) == n);
                BOOST_TEST(agent->GetCount(CryptoAgent::KEY_AGREEMENT) == n);
            }
        }
        Simulator::Destroy();
    }
}

#endif /* MOBISOCKET_TEST_SUPPORT_H */

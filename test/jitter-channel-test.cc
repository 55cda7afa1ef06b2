/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-test
 * JitterPointToPointChannel on a 10 Mb/s, 20 ms link: exact arrival times
 * without and with constant jitter (UDP through the Internet stack), the
 * no-reordering rule per direction, negative draws, the mean extra delay of
 * back-to-back packets under uniform jitter, the "Jitter" trace,
 * AssignStreams, and Connect() against PointToPointHelper::Install().
 */

#define BOOST_TEST_MODULE jitter_channel
#include "mobisocket-test-support.h"

#include "ns3/net-device-queue-interface.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/queue.h"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

const DataRate RATE("10Mbps");          //!< the links' data rate
const Time DELAY = MilliSeconds(20);    //!< the links' propagation delay
constexpr uint16_t IPV4 = 0x0800;       //!< EtherType of the raw frames
constexpr uint32_t PPP_HEADER = 2;      //!< bytes PointToPointNetDevice adds
constexpr double UNIFORM_MAX_S = 0.010; //!< upper end of the uniform jitter (s)

/// A frame seen by a device trace.
struct Frame
{
    uint64_t uid{0};   //!< packet UID (copies keep it)
    uint32_t bytes{0}; //!< size with the PPP header
    Time time;         //!< when the trace fired
};

/**
 * \param log where to record
 * \param packet the frame (with its PPP header)
 */
void
RecordFrame(std::vector<Frame>* log, Ptr<const Packet> packet)
{
    log->push_back({packet->GetUid(), packet->GetSize(), Simulator::Now()});
}

/**
 * \param log where to record
 * \param extra the extra delay a packet got
 */
void
RecordTime(std::vector<Time>* log, Time extra)
{
    log->push_back(extra);
}

/**
 * \param frame a frame whose transmission starts at frame.time
 * \return when the plain channel would deliver it (last bit)
 */
Time
Earliest(const Frame& frame)
{
    return frame.time + RATE.CalculateBytesTxTime(frame.bytes) + DELAY;
}

/**
 * \brief Two nodes joined by JitterPointToPointChannel::Connect(), with raw
 *        frames (no Internet stack) and the traces recorded.
 */
class JitterBed
{
  public:
    /// \param jitter the channel's Jitter (null: none)
    explicit JitterBed(Ptr<RandomVariableStream> jitter)
    {
        nodes.Create(2);
        devices =
            JitterPointToPointChannel::Connect(nodes.Get(0), nodes.Get(1), RATE, DELAY, jitter);
        channel = DynamicCast<JitterPointToPointChannel>(devices.Get(0)->GetChannel());
        BOOST_REQUIRE(channel);
        for (uint32_t i = 0; i < 2; ++i)
        {
            Ptr<PointToPointNetDevice> device = Device(i);
            device->TraceConnectWithoutContext("PhyTxBegin",
                                               MakeBoundCallback(&RecordFrame, &started[i]));
            device->TraceConnectWithoutContext("PhyRxEnd",
                                               MakeBoundCallback(&RecordFrame, &received[i]));
        }
        channel->TraceConnectWithoutContext("Jitter", MakeBoundCallback(&RecordTime, &extras));
    }

    /**
     * \param i 0 or 1
     * \return node i's device
     */
    Ptr<PointToPointNetDevice> Device(uint32_t i) const
    {
        return DynamicCast<PointToPointNetDevice>(devices.Get(i));
    }

    /**
     * \brief Hand a frame to a device at a given time.
     * \param at when
     * \param payload its size without the PPP header
     * \param from the sending device (0 or 1)
     */
    void Send(Time at, uint32_t payload, uint32_t from = 0)
    {
        Simulator::Schedule(at, &JitterBed::DoSend, this, payload, from);
    }

    /**
     * \brief Run the simulation to its end.
     */
    void Run()
    {
        Simulator::Run();
    }

    NodeContainer nodes;                    //!< the two nodes
    NetDeviceContainer devices;             //!< their devices, node 0's first
    Ptr<JitterPointToPointChannel> channel; //!< the link
    std::vector<Frame> started[2];          //!< transmissions each device started
    std::vector<Frame> received[2];         //!< frames each device received
    std::vector<Time> extras;               //!< the "Jitter" trace

  private:
    /**
     * \param payload the frame's size without the PPP header
     * \param from the sending device
     */
    void DoSend(uint32_t payload, uint32_t from)
    {
        bool queued =
            Device(from)->Send(Create<Packet>(payload), devices.Get(1 - from)->GetAddress(), IPV4);
        BOOST_REQUIRE(queued);
    }
};

/**
 * \brief What the channel must deliver, in one direction: each frame no
 *        earlier than the plain channel would, plus max(0, draw), and no
 *        earlier than its predecessor.
 * \param started the transmissions, in order
 * \param twin a random variable drawing the same sequence as the channel's
 * \return the arrival times
 */
std::vector<Time>
ExpectedArrivals(const std::vector<Frame>& started, Ptr<RandomVariableStream> twin)
{
    std::vector<Time> arrivals;
    Time last;
    for (const Frame& frame : started)
    {
        Time arrival = Earliest(frame) + Seconds(std::max(0.0, twin->GetValue()));
        last = std::max(arrival, last);
        arrivals.push_back(last);
    }
    return arrivals;
}

/**
 * \param min lower end (s)
 * \param max upper end (s)
 * \return a uniform random variable
 */
Ptr<UniformRandomVariable>
Uniform(double min, double max)
{
    Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
    u->SetAttribute("Min", DoubleValue(min));
    u->SetAttribute("Max", DoubleValue(max));
    return u;
}

/**
 * \brief Send n frames back to back from node 0 at time 0 (the device queue
 *        holds them all).
 * \param bed the bed
 * \param n how many frames
 * \param payload their size without the PPP header
 */
void
SendBackToBack(JitterBed& bed, uint32_t n, uint32_t payload)
{
    bed.Device(0)->GetQueue()->SetMaxSize(QueueSize(std::to_string(n) + "p"));
    for (uint32_t k = 0; k < n; ++k)
    {
        bed.Send(Seconds(0), payload);
    }
}

/// A UDP datagram's trip across a jitter link.
struct UdpTrip
{
    Time sent;                //!< when the sender called Send
    std::vector<Time> times;  //!< when the receiver got each datagram
    uint32_t bytes{0};        //!< payload bytes received
    std::vector<Time> extras; //!< the "Jitter" trace

    /// \param socket the receiving socket
    void Receive(Ptr<Socket> socket)
    {
        while (Ptr<Packet> packet = socket->Recv())
        {
            times.push_back(Simulator::Now());
            bytes += packet->GetSize();
        }
    }

    /// \param socket the sending socket
    void Send(Ptr<Socket> socket)
    {
        sent = Simulator::Now();
        BOOST_REQUIRE(socket->Send(Create<Packet>(100)) == 100);
    }
};

/**
 * \brief One 100-byte UDP datagram at 1 s across a jitter link with the
 *        Internet stack and the default traffic control on both nodes.
 * \param jitter passed to Connect() (null: the default)
 * \param jitterAttribute if not empty, then set as the channel's Jitter
 *        (StringValue)
 * \return the trip; the simulator is destroyed
 */
UdpTrip
UdpAcross(Ptr<RandomVariableStream> jitter, const std::string& jitterAttribute = "")
{
    NodeContainer nodes;
    nodes.Create(2);
    NetDeviceContainer devices =
        JitterPointToPointChannel::Connect(nodes.Get(0), nodes.Get(1), RATE, DELAY, jitter);
    if (!jitterAttribute.empty())
    {
        devices.Get(0)->GetChannel()->SetAttribute("Jitter", StringValue(jitterAttribute));
    }
    InternetStackHelper().Install(nodes);
    Ipv4AddressHelper addresses("10.9.0.0", "255.255.255.252");
    Ipv4InterfaceContainer interfaces = addresses.Assign(devices);

    UdpTrip trip;
    devices.Get(0)->GetChannel()->TraceConnectWithoutContext(
        "Jitter",
        MakeBoundCallback(&RecordTime, &trip.extras));
    Ptr<Socket> sink = Socket::CreateSocket(nodes.Get(1), UdpSocketFactory::GetTypeId());
    sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
    sink->SetRecvCallback(MakeCallback(&UdpTrip::Receive, &trip));
    Ptr<Socket> source = Socket::CreateSocket(nodes.Get(0), UdpSocketFactory::GetTypeId());
    source->Connect(InetSocketAddress(interfaces.GetAddress(1), 9));
    Simulator::Schedule(Seconds(1), &UdpTrip::Send, &trip, source);
    Simulator::Run();
    Simulator::Destroy();
    return trip;
}

/**
 * \brief Arrival times of n back-to-back 1000-byte frames under uniform
 *        [0, 10] ms jitter drawn from a given stream.
 * \param stream the stream for AssignStreams
 * \param n how many frames
 * \return the arrival times; the simulator is destroyed
 */
std::vector<Time>
UniformArrivals(int64_t stream, uint32_t n)
{
    std::vector<Time> arrivals;
    {
        JitterBed bed(Uniform(0, UNIFORM_MAX_S));
        BOOST_TEST(bed.channel->AssignStreams(stream) == 1);
        SendBackToBack(bed, n, 1000);
        bed.Run();
        BOOST_TEST(bed.extras.size() == n);
        for (const Frame& frame : bed.received[1])
        {
            arrivals.push_back(frame.time);
        }
    }
    Simulator::Destroy();
    return arrivals;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(jitter_channel, NsFixture)

BOOST_AUTO_TEST_CASE(zero_jitter_delivers_after_tx_time_plus_delay)
{
    // 100 B payload + 8 UDP + 20 IPv4 + 2 PPP = 130 B: 104 us at 10 Mb/s.
    Time txTime = RATE.CalculateBytesTxTime(100 + 8 + 20 + PPP_HEADER);
    BOOST_TEST(txTime == MicroSeconds(104));
    UdpTrip trip = UdpAcross(nullptr);
    BOOST_TEST(trip.sent == Seconds(1));
    BOOST_REQUIRE_EQUAL(trip.times.size(), 1u);
    BOOST_TEST(trip.times[0] == Seconds(1) + txTime + DELAY);
    BOOST_TEST(trip.bytes == 100u);
    BOOST_REQUIRE_EQUAL(trip.extras.size(), 1u);
    BOOST_TEST(trip.extras[0] == Time(0));
}

BOOST_AUTO_TEST_CASE(constant_jitter_delays_by_exactly_its_value)
{
    Ptr<ConstantRandomVariable> five = CreateObject<ConstantRandomVariable>();
    five->SetAttribute("Constant", DoubleValue(0.005));
    Time without = UdpAcross(nullptr).times.at(0);
    UdpTrip viaConnect = UdpAcross(five);
    UdpTrip viaAttribute = UdpAcross(nullptr, "ns3::ConstantRandomVariable[Constant=0.005]");
    BOOST_REQUIRE_EQUAL(viaConnect.times.size(), 1u);
    BOOST_REQUIRE_EQUAL(viaAttribute.times.size(), 1u);
    BOOST_TEST(viaConnect.times[0] - without == MilliSeconds(5));
    BOOST_TEST(viaAttribute.times[0] - without == MilliSeconds(5));
    BOOST_TEST(viaConnect.extras.at(0) == MilliSeconds(5));
}

BOOST_AUTO_TEST_CASE(uniform_jitter_on_back_to_back_frames_keeps_their_order)
{
    const uint32_t n = 1000;
    const uint32_t payload = 1000;
    const int64_t stream = 100;
    Ptr<UniformRandomVariable> jitter = Uniform(0, UNIFORM_MAX_S);
    JitterBed bed(jitter);
    BOOST_TEST(bed.channel->AssignStreams(stream) == 1);
    SendBackToBack(bed, n, payload);
    bed.Run();

    // 1002 B frames, 801.6 us each, sent back to back from t = 0
    Time txTime = RATE.CalculateBytesTxTime(payload + PPP_HEADER);
    BOOST_TEST(txTime == NanoSeconds(801600));
    BOOST_REQUIRE_EQUAL(bed.started[0].size(), n);
    for (uint32_t k = 0; k < n; ++k)
    {
        BOOST_TEST_REQUIRE(bed.started[0][k].time == txTime * k);
    }

    // every frame arrives, in send order, never before the plain channel
    // would deliver it, at exactly the time the FIFO rule gives
    BOOST_REQUIRE_EQUAL(bed.received[1].size(), n);
    BOOST_TEST(bed.received[0].empty());
    Ptr<UniformRandomVariable> twin = Uniform(0, UNIFORM_MAX_S);
    twin->SetStream(stream);
    std::vector<Time> expected = ExpectedArrivals(bed.started[0], twin);
    uint64_t bytes = 0;
    double totalExtraS = 0;
    int reordered = 0;
    int late = 0;
    int mismatched = 0;
    for (uint32_t k = 0; k < n; ++k)
    {
        const Frame& rx = bed.received[1][k];
        reordered += rx.uid != bed.started[0][k].uid;
        late += rx.time < Earliest(bed.started[0][k]);
        mismatched += rx.time != expected[k];
        mismatched += bed.extras.at(k) != rx.time - Earliest(bed.started[0][k]);
        bytes += rx.bytes - PPP_HEADER;
        totalExtraS += (rx.time - Earliest(bed.started[0][k])).GetSeconds();
    }
    BOOST_TEST(reordered == 0);
    BOOST_TEST(late == 0);
    BOOST_TEST(mismatched == 0);
    BOOST_TEST(bytes == uint64_t(n) * payload);
    BOOST_TEST(bed.extras.size() == n);

    // Frame k's extra delay is D_k = max(J_k, D_{k-1} - g), g = 801.6 us, J
    // uniform on [0, 10] ms: in the steady state P(D <= x) = prod_i F(x + i g),
    // so E[D] = 7.120 ms (numerical integration), not the 5 ms of independent
    // draws. Over 4000 simulated sequences of 1000 frames the mean extra delay
    // had a standard deviation of 0.092 ms and stayed within 6.75-7.44 ms:
    // +-0.4 ms is 4.3 standard deviations. This stream (100) gives 7.163 ms.
    double meanExtraMs = totalExtraS / n * 1e3;
    BOOST_TEST_MESSAGE("mean extra delay " << meanExtraMs << " ms");
    BOOST_TEST(std::abs(meanExtraMs - 7.120) < 0.4);
    BOOST_TEST(meanExtraMs > 6.5); // independent draws would give 5 ms
}

BOOST_AUTO_TEST_CASE(each_direction_keeps_its_own_order)
{
    // draws in transmission order: 50 ms (0 -> 1), 0 (1 -> 0), 0 (0 -> 1)
    Ptr<DeterministicRandomVariable> jitter = CreateObject<DeterministicRandomVariable>();
    std::vector<double> draws = {0.050, 0, 0};
    jitter->SetValueArray(draws.data(), draws.size());
    JitterBed bed(jitter);
    bed.Send(Seconds(0), 1000, 0);
    bed.Send(MilliSeconds(1), 1000, 1);
    bed.Send(MilliSeconds(2), 1000, 0);
    bed.Run();

    Time txTime = RATE.CalculateBytesTxTime(1000 + PPP_HEADER);
    BOOST_REQUIRE_EQUAL(bed.received[1].size(), 2u);
    BOOST_REQUIRE_EQUAL(bed.received[0].size(), 1u);
    // the first frame takes 50 ms more; the reverse direction is not held
    BOOST_TEST(bed.received[1][0].time == txTime + DELAY + MilliSeconds(50));
    BOOST_TEST(bed.received[0][0].time == MilliSeconds(1) + txTime + DELAY);
    // the third, drawn 0, waits for the first and arrives with it, after it
    BOOST_TEST(bed.received[1][1].time == bed.received[1][0].time);
    BOOST_TEST(bed.received[1][0].uid == bed.started[0][0].uid);
    BOOST_TEST(bed.received[1][1].uid == bed.started[0][1].uid);
    BOOST_REQUIRE_EQUAL(bed.extras.size(), 3u);
    BOOST_TEST(bed.extras[0] == MilliSeconds(50));
    BOOST_TEST(bed.extras[1] == Time(0));
    BOOST_TEST(bed.extras[2] == MilliSeconds(48));
}

BOOST_AUTO_TEST_CASE(negative_draws_count_as_zero)
{
    Ptr<DeterministicRandomVariable> minusFive = CreateObject<DeterministicRandomVariable>();
    std::vector<double> draws = {-0.005};
    minusFive->SetValueArray(draws.data(), draws.size());
    {
        JitterBed bed(minusFive);
        bed.Send(Seconds(0), 1000);
        bed.Run();
        BOOST_REQUIRE_EQUAL(bed.received[1].size(), 1u);
        BOOST_TEST(bed.received[1][0].time == Earliest(bed.started[0].at(0)));
        BOOST_TEST(bed.extras.at(0) == Time(0));
    }
    Simulator::Destroy();

    // Normal, mean 0, standard deviation 5 ms: about half the draws are
    // negative. 200 frames 100 ms apart, so the FIFO rule never applies.
    const uint32_t n = 200;
    const int64_t stream = 7;
    Ptr<NormalRandomVariable> normal = CreateObject<NormalRandomVariable>();
    normal->SetAttribute("Mean", DoubleValue(0));
    normal->SetAttribute("Variance", DoubleValue(25e-6));
    JitterBed bed(normal);
    bed.channel->AssignStreams(stream);
    for (uint32_t k = 0; k < n; ++k)
    {
        bed.Send(MilliSeconds(100) * k, 100);
    }
    bed.Run();
    BOOST_REQUIRE_EQUAL(bed.received[1].size(), n);
    BOOST_REQUIRE_EQUAL(bed.started[0].size(), n);
    Ptr<NormalRandomVariable> twin = CreateObject<NormalRandomVariable>();
    twin->SetAttribute("Mean", DoubleValue(0));
    twin->SetAttribute("Variance", DoubleValue(25e-6));
    twin->SetStream(stream);
    int early = 0;
    int clamped = 0;
    int mismatched = 0;
    for (uint32_t k = 0; k < n; ++k)
    {
        Time earliest = Earliest(bed.started[0][k]);
        double draw = twin->GetValue();
        Time arrival = bed.received[1][k].time;
        early += arrival < earliest;
        clamped += draw < 0;
        mismatched += arrival != earliest + Seconds(std::max(0.0, draw));
        mismatched += (draw < 0) != (arrival == earliest);
    }
    BOOST_TEST(early == 0);
    BOOST_TEST(mismatched == 0);
    BOOST_TEST_MESSAGE(clamped << " of " << n << " draws negative");
    BOOST_TEST(clamped > 70); // binomial(200, 1/2): 100 +- 7
    BOOST_TEST(clamped < 130);
    BOOST_TEST(*std::min_element(bed.extras.begin(), bed.extras.end()) == Time(0));
}

BOOST_AUTO_TEST_CASE(assign_streams_makes_runs_reproducible)
{
    std::vector<Time> first = UniformArrivals(5, 100);
    std::vector<Time> again = UniformArrivals(5, 100);
    std::vector<Time> otherStream = UniformArrivals(6, 100);
    RngSeedManager::SetRun(2);
    std::vector<Time> otherRun = UniformArrivals(5, 100);
    BOOST_REQUIRE_EQUAL(first.size(), 100u);
    BOOST_REQUIRE_EQUAL(otherStream.size(), 100u);
    BOOST_REQUIRE_EQUAL(otherRun.size(), 100u);
    BOOST_TEST((first == again));
    BOOST_TEST((first != otherStream));
    BOOST_TEST((first != otherRun));
}

BOOST_AUTO_TEST_CASE(connect_builds_what_point_to_point_helper_builds)
{
    NodeContainer nodes;
    nodes.Create(4);
    PointToPointHelper helper;
    helper.SetDeviceAttribute("DataRate", DataRateValue(RATE));
    helper.SetChannelAttribute("Delay", TimeValue(DELAY));
    NetDeviceContainer plain = helper.Install(nodes.Get(0), nodes.Get(1));
    NetDeviceContainer jitter =
        JitterPointToPointChannel::Connect(nodes.Get(2), nodes.Get(3), RATE, DELAY, nullptr);
    BOOST_REQUIRE_EQUAL(jitter.GetN(), 2u);

    Ptr<Channel> plainChannel = plain.Get(0)->GetChannel();
    Ptr<Channel> channel = jitter.Get(0)->GetChannel();
    BOOST_TEST(channel->GetInstanceTypeId().GetName() == "ns3::JitterPointToPointChannel");
    BOOST_TEST(channel->GetNDevices() == 2u);
    TimeValue plainDelay;
    TimeValue delay;
    plainChannel->GetAttribute("Delay", plainDelay);
    channel->GetAttribute("Delay", delay);
    BOOST_TEST(delay.Get() == plainDelay.Get());
    BOOST_TEST(jitter.Get(0)->GetAddress() != jitter.Get(1)->GetAddress());
    for (uint32_t i = 0; i < 2; ++i)
    {
        BOOST_TEST_CONTEXT("device " << i)
        {
            Ptr<PointToPointNetDevice> p = DynamicCast<PointToPointNetDevice>(plain.Get(i));
            Ptr<PointToPointNetDevice> j = DynamicCast<PointToPointNetDevice>(jitter.Get(i));
            BOOST_REQUIRE(j);
            BOOST_TEST(j->GetNode() == nodes.Get(2 + i));
            BOOST_TEST(nodes.Get(2 + i)->GetNDevices() == nodes.Get(i)->GetNDevices());
            BOOST_TEST(channel->GetDevice(i) == jitter.Get(i));
            BOOST_TEST(j->GetChannel() == channel);
            BOOST_TEST(j->IsLinkUp());
            DataRateValue plainRate;
            DataRateValue rate;
            p->GetAttribute("DataRate", plainRate);
            j->GetAttribute("DataRate", rate);
            BOOST_TEST(rate.Get() == plainRate.Get());
            BOOST_TEST(j->GetMtu() == p->GetMtu());
            BOOST_TEST(j->GetQueue()->GetInstanceTypeId() == p->GetQueue()->GetInstanceTypeId());
            BOOST_TEST(j->GetQueue()->GetMaxSize() == p->GetQueue()->GetMaxSize());
            BOOST_TEST(bool(p->GetObject<NetDeviceQueueInterface>()));
            BOOST_TEST(bool(j->GetObject<NetDeviceQueueInterface>()));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "jitter-point-to-point-channel.h"

#include "ns3/drop-tail-queue.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device-queue-interface.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketJitterPointToPointChannel");

NS_OBJECT_ENSURE_REGISTERED(JitterPointToPointChannel);

TypeId
JitterPointToPointChannel::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::JitterPointToPointChannel")
            .SetParent<PointToPointChannel>()
            .SetGroupName("MobiSocket")
            .AddConstructor<JitterPointToPointChannel>()
            .AddAttribute("Jitter",
                          "Extra delay of each packet (s), on top of Delay; negative draws "
                          "count as 0, and a packet never arrives before the previous one "
                          "in the same direction.",
                          StringValue("ns3::ConstantRandomVariable[Constant=0]"),
                          MakePointerAccessor(&JitterPointToPointChannel::m_jitter),
                          MakePointerChecker<RandomVariableStream>())
            .AddTraceSource("Jitter",
                            "The extra delay a packet gets on top of its transmission time "
                            "and Delay, after the no-reordering rule.",
                            MakeTraceSourceAccessor(&JitterPointToPointChannel::m_jitterTrace),
                            "ns3::Time::TracedCallback");
    return tid;
}

JitterPointToPointChannel::JitterPointToPointChannel()
{
    NS_LOG_FUNCTION(this);
}

bool
JitterPointToPointChannel::TransmitStart(Ptr<const Packet> p,
                                         Ptr<PointToPointNetDevice> src,
                                         Time txTime)
{
    NS_LOG_FUNCTION(this << p << src << txTime);
    NS_ASSERT(IsInitialized());

    uint32_t wire = src == GetSource(0) ? 0 : 1;
    Ptr<PointToPointNetDevice> dst = GetDestination(wire);

    Time earliest = Simulator::Now() + txTime + GetDelay();
    double draw = m_jitter ? m_jitter->GetValue() : 0.0;
    Time arrival = earliest + Seconds(std::max(0.0, draw));
    // FIFO: never before the previous packet in this direction.
    arrival = std::max(arrival, m_lastArrival[wire]);
    m_lastArrival[wire] = arrival;
    NS_LOG_LOGIC("UID " << p->GetUid() << " on wire " << wire << " arrives at " << arrival
                        << ", extra delay " << arrival - earliest);
    m_jitterTrace(arrival - earliest);

    Simulator::ScheduleWithContext(dst->GetNode()->GetId(),
                                   arrival - Simulator::Now(),
                                   &PointToPointNetDevice::Receive,
                                   dst,
                                   p->Copy());
    return true;
}

int64_t
JitterPointToPointChannel::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    if (m_jitter)
    {
        m_jitter->SetStream(stream);
    }
    return 1;
}

NetDeviceContainer
JitterPointToPointChannel::Connect(Ptr<Node> a,
                                   Ptr<Node> b,
                                   DataRate rate,
                                   Time delay,
                                   Ptr<RandomVariableStream> jitter)
{
    NS_LOG_FUNCTION(a << b << rate << delay << jitter);
    // PointToPointHelper::Install(a, b) of ns-3.35, 3.37 and 3.48 with the
    // helper's defaults (flow control enabled), the channel aside.
    NetDeviceContainer devices;
    for (const Ptr<Node>& node : {a, b})
    {
        Ptr<PointToPointNetDevice> device = CreateObject<PointToPointNetDevice>();
        device->SetDataRate(rate);
        device->SetAddress(Mac48Address::Allocate());
        node->AddDevice(device);
        Ptr<Queue<Packet>> queue = CreateObject<DropTailQueue<Packet>>();
        device->SetQueue(queue);
        Ptr<NetDeviceQueueInterface> ndqi = CreateObject<NetDeviceQueueInterface>();
        ndqi->GetTxQueue(0)->ConnectQueueTraces(queue);
        device->AggregateObject(ndqi);
        devices.Add(device);
    }

    Ptr<JitterPointToPointChannel> channel = CreateObject<JitterPointToPointChannel>();
    channel->SetAttribute("Delay", TimeValue(delay));
    if (jitter)
    {
        channel->SetAttribute("Jitter", PointerValue(jitter));
    }
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        DynamicCast<PointToPointNetDevice>(devices.Get(i))->Attach(channel);
    }
    return devices;
}

void
JitterPointToPointChannel::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_jitter = nullptr;
    PointToPointChannel::DoDispose();
}

} // namespace ns3

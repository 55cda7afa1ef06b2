/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef JITTER_POINT_TO_POINT_CHANNEL_H
#define JITTER_POINT_TO_POINT_CHANNEL_H

#include "ns3/data-rate.h"
#include "ns3/net-device-container.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/point-to-point-channel.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <cstdint>

namespace ns3
{

class PointToPointNetDevice;
class Packet;

/**
 * \ingroup mobisocket
 * \brief A point-to-point channel whose propagation delay varies from
 *        packet to packet (delay jitter), without reordering.
 *
 * A packet whose transmission starts at t with transmission time txTime
 * arrives (its last bit, when PointToPointNetDevice::Receive runs) at
 *
 *     max(t + txTime + Delay + max(0, J), A_prev)
 *
 * where J is a fresh draw of the Jitter random variable, in seconds, and
 * A_prev is the arrival time of the previous packet sent in the same
 * direction. Negative draws are clamped to 0, so no packet ever arrives
 * before the plain channel would deliver it (t + txTime + Delay).
 *
 * Why FIFO (the max with A_prev): the jitter stands for the varying
 * queueing delay of the network the link abstracts; a wire, or a path of
 * FIFO queues, never reorders packets. Drawing each packet's delay
 * independently would let a packet overtake its predecessors whenever the
 * gap between them is smaller than the spread of the jitter, and TCP would
 * answer the reordering with duplicate ACKs, fast retransmits and window
 * reductions that no real link of this kind causes: the measurements would
 * show artefacts of the model rather than of the protocols. The price is
 * that the delays packets actually get are not distributed as Jitter:
 * packets closer together than the spread of the jitter queue behind the
 * slowest of their predecessors, so their mean extra delay is higher than
 * the mean of Jitter (for back-to-back packets whose transmission time is
 * g, the extra delay D_k = max(J_k, D_{k-1} - g)). The "Jitter" trace
 * source reports the delay actually applied. Packets may arrive at the
 * same instant; ns-3 runs events of equal time in the order they were
 * scheduled, so that keeps the order too. The two directions of the link
 * are independent.
 *
 * Differences from PointToPointChannel: the inherited "TxRxPointToPoint"
 * trace source (used by NetAnim) does not fire, as it is private to the
 * base class; the MPI-distributed PointToPointRemoteChannel has no jitter
 * counterpart. PointToPointHelper always creates a plain
 * PointToPointChannel (its channel factory's TypeId cannot be changed in
 * ns-3.35, 3.37 or 3.48): build such links with Connect().
 */
class JitterPointToPointChannel : public PointToPointChannel
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * \brief Create a channel with no jitter (Jitter is the constant 0).
     */
    JitterPointToPointChannel();

    /**
     * \brief Transmit a packet over this channel: schedule its reception
     *        at the far end after txTime, Delay and the extra delay of the
     *        jitter (see the class description).
     * \param p the packet to transmit
     * \param src the device that transmits it
     * \param txTime its transmission time
     * \return true (always)
     */
    bool TransmitStart(Ptr<const Packet> p, Ptr<PointToPointNetDevice> src, Time txTime) override;

    /**
     * \brief Use a fixed random stream for the jitter, so that runs are
     *        reproducible regardless of the other random variables.
     * \param stream the first stream index to use
     * \return the number of stream indices used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * \brief Connect two nodes with a new JitterPointToPointChannel, as
     *        PointToPointHelper::Install(a, b) does with its default
     *        settings: on each node a PointToPointNetDevice with a fresh
     *        Mac48Address and a DropTailQueue<Packet>, with a
     *        NetDeviceQueueInterface aggregated for flow control.
     * \param a the first node (its device transmits on wire 0)
     * \param b the second node
     * \param rate the devices' DataRate
     * \param delay the channel's Delay (propagation delay)
     * \param jitter the channel's Jitter (in seconds); null keeps the
     *        default, no jitter
     * \return the two devices, a's first
     */
    static NetDeviceContainer Connect(Ptr<Node> a,
                                      Ptr<Node> b,
                                      DataRate rate,
                                      Time delay,
                                      Ptr<RandomVariableStream> jitter);

  protected:
    void DoDispose() override;

  private:
    Ptr<RandomVariableStream> m_jitter; //!< the extra delay, in seconds
    Time m_lastArrival[2];              //!< arrival of the last packet, per direction
    TracedCallback<Time> m_jitterTrace; //!< the extra delay each packet gets
};

} // namespace ns3

#endif /* JITTER_POINT_TO_POINT_CHANNEL_H */

/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SIGNALLING_ERROR_MODEL_H
#define SIGNALLING_ERROR_MODEL_H

#include "ns3/error-model.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief Loses the schemes' signalling messages, and nothing else: each
 *        packet that SignallingClassifier names (SIP, the control messages
 *        in band and over UDP; not address acquisition: DHCP, RS, RA, DAD)
 *        is lost with probability Rate.
 *        Data segments and ACKs always pass, so the loss separates the
 *        schemes' retransmission schedules from TCP's.
 *
 * Nothing is lost before Start, so that a session can be set up cleanly
 * and only the handover's signalling is lossy.
 *
 * A receive error model of a point-to-point device (the packet starts with
 * its PPP header, IPv4 or IPv6) or of any device that hands up bare IPv4
 * packets.
 */
class SignallingErrorModel : public ErrorModel
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SignallingErrorModel();

    /**
     * \brief Fix the random stream of the losses.
     * \param stream the stream index
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /// \return signalling messages seen
    uint64_t GetSeen() const;

    /// \return signalling messages lost
    uint64_t GetLost() const;

  private:
    bool DoCorrupt(Ptr<Packet> packet) override;
    void DoReset() override;

    double m_rate{0};                    //!< probability of losing a signalling message
    Time m_start;                        //!< no loss before
    Ptr<UniformRandomVariable> m_random; //!< the draws
    uint64_t m_seen{0};                  //!< signalling messages seen
    uint64_t m_lost{0};                  //!< of which lost
};

} // namespace ns3

#endif /* SIGNALLING_ERROR_MODEL_H */

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Deploy} from "../../script/Deploy.s.sol";
import {DeployCore} from "../../script/DeployCore.s.sol";
import {SeedDemo} from "../../script/SeedDemo.s.sol";
import {ILiquidGovernor} from "../../contracts/interfaces/ILiquidGovernor.sol";
import {IGovernanceSettings} from "../../contracts/interfaces/IGovernanceSettings.sol";
import {ProposalState, VoteMode} from "../../contracts/types/GovernanceTypes.sol";

/// @notice Runs the deploy and demo-seeding scripts in-process, the way `pnpm dev` runs them on anvil (two
///         steps, the clock moved between them), and checks the demo community they leave behind.
contract DeployTest is Test {
    SeedDemo internal seed;
    DeployCore.Core internal core;
    ILiquidGovernor internal gov;
    address internal timelock;
    address internal admin;
    uint256[] internal keys;
    address[] internal members;
    uint256 internal firstBill;
    uint256 internal poll;
    uint256 internal exec;
    uint48 internal agendaTime;

    function setUp() public {
        vm.warp(1_700_000_000);
        seed = new SeedDemo();
        uint256 adminKey = seed.ANVIL_DEV_KEY_0();
        admin = vm.addr(adminKey);
        core = seed.deployCore();
        keys = seed.memberKeys();
        for (uint256 i; i < keys.length; ++i) {
            members.push(vm.addr(keys[i]));
        }

        // Step 1: community, members, delegations. Fresh test accounts are empty, so funding really runs.
        vm.deal(admin, 10 ether);
        seed.fundMembers(adminKey, keys);
        address community;
        (community, timelock) = seed.demoCreateCommunity(core.factory, adminKey);
        gov = ILiquidGovernor(community);
        seed.demoAddMembers(gov, adminKey, keys);
        seed.demoDelegate(gov, keys);

        // Step 2, a minute later: the agenda and the first ballots.
        vm.warp(block.timestamp + 60);
        vm.roll(block.number + 1);
        agendaTime = uint48(block.timestamp);
        (firstBill, poll, exec) = seed.demoPropose(gov, keys);
        seed.demoVote(gov, keys, firstBill, poll, exec);
    }

    /// @dev Anvil account `#n` (members are accounts 1..30).
    function _m(uint256 n) internal view returns (address) {
        return members[n - 1];
    }

    // ---------------------------------------------------------------- community

    function test_seed_thirtyMembersWithVariedWeights() public view {
        assertEq(gov.memberCount(), 30);
        uint256 total;
        for (uint256 n = 1; n <= 30; ++n) {
            assertEq(gov.weightOf(_m(n)), seed.demoWeight(n));
            assertGt(_m(n).balance, 0);
            total += seed.demoWeight(n);
        }
        assertEq(gov.totalWeight(), total);
        assertEq(total, 153);
        assertFalse(gov.isMember(admin));
    }

    function test_seed_threeTopicsAndDemoSettings() public view {
        assertEq(gov.topicCount(), 3);
        assertEq(gov.votingPeriod(), 3 days);
        assertEq(gov.minVotingPeriod(), 10 minutes);
        assertEq(gov.timelock(), timelock);
    }

    function test_seed_rolesGoToDeployerAndTimelock() public view {
        assertTrue(gov.hasRole(gov.REGISTRAR_ROLE(), admin));
        assertTrue(gov.hasRole(bytes32(0), admin));
        assertTrue(gov.hasRole(bytes32(0), timelock));
    }

    // ---------------------------------------------------------------- delegation

    function test_seed_generalChainIsFiveEdgesDeep() public view {
        address[] memory chain = gov.delegationChain(_m(30), seed.GENERAL());
        assertEq(chain.length, 5);
        for (uint256 i; i < 5; ++i) {
            assertEq(chain[i], _m(29 - i));
        }
        assertEq(gov.delegationHeight(_m(25), seed.GENERAL()), 5);
        assertEq(gov.delegationChain(_m(25), seed.ENVIRONMENT()).length, 4);
    }

    function test_seed_popularDelegateCarriesEightMembers() public view {
        // #11..#17 directly, #18 through #11: weights 2 + 1 + 4 + 3 + 1 + 2 + 5 + 1.
        (uint256 linear,) = gov.delegatedMass(_m(10), seed.GENERAL());
        assertEq(linear, 19);
        assertEq(gov.delegationHeight(_m(10), seed.GENERAL()), 2);
    }

    function test_seed_multiTopicDelegation() public view {
        for (uint8 topic; topic < 3; ++topic) {
            assertEq(gov.delegateOf(_m(13), topic), _m(10));
            assertEq(gov.delegateOf(_m(14), topic), _m(10));
        }
        // #10 passes Budget and Environment on, so #13 reaches the treasurer and the environment lead.
        assertEq(gov.delegationChain(_m(13), seed.BUDGET())[1], _m(21));
        assertEq(gov.delegationChain(_m(13), seed.ENVIRONMENT())[1], _m(6));
    }

    // ---------------------------------------------------------------- proposals

    function test_seed_tenBillsWithConsecutiveIds() public view {
        assertEq(firstBill, 1);
        assertEq(poll, 11);
        assertEq(exec, 12);
        assertEq(gov.proposalCount(), 12);
        for (uint256 i; i < 10; ++i) {
            uint256 id = firstBill + i;
            (uint8 topic, VoteMode mode, uint8 optionCount, bool executable) =
                gov.proposalConfig(id);
            assertEq(topic, i < 4 ? 0 : i < 7 ? 1 : 2);
            assertEq(uint8(mode), uint8(VoteMode.Single));
            assertEq(optionCount, 2);
            assertFalse(executable);
            assertEq(gov.proposalProposer(id), _m(1));
            assertEq(gov.proposalSnapshot(id), agendaTime - 1);
            assertEq(gov.proposalDeadline(id), agendaTime + 1 days);
            assertEq(uint8(gov.state(id)), uint8(ProposalState.Active));
        }
    }

    function test_seed_quadraticPollAndExecutableProposal() public view {
        (uint8 topic, VoteMode mode, uint8 optionCount, bool executable) = gov.proposalConfig(poll);
        assertEq(topic, seed.BUDGET());
        assertEq(uint8(mode), uint8(VoteMode.Quadratic));
        assertEq(optionCount, 4);
        assertFalse(executable);
        assertEq(gov.proposalDeadline(poll), agendaTime + 3 days);
        (,,, executable) = gov.proposalConfig(exec);
        assertTrue(executable);
    }

    // ---------------------------------------------------------------- votes

    function test_seed_billTwo_directVoteOverridesPopularDelegate() public view {
        (uint256[] memory tallies,, uint256 participation, uint256 totalMass) =
            gov.proposalTally(firstBill + 1);
        // For: #10 with everyone below them but #12 (44 - 1). Against: the chair with #2, #3 (19) and #12.
        assertEq(tallies[seed.FOR()], 43);
        assertEq(tallies[seed.AGAINST()], 20);
        assertEq(participation, 63);
        assertEq(totalMass, 153);
        assertEq(gov.carriedMass(firstBill + 1, _m(12)), 1);
    }

    function test_seed_billOne_voteInsideAChainSplitsIt() public view {
        // #27 carries #28..#30 (3 + 1 + 8 + its own 2); #25 above keeps only #26 (1 + its own 9).
        assertEq(gov.carriedMass(firstBill, _m(27)), 14);
        assertEq(gov.carriedMass(firstBill, _m(25)), 10);
    }

    function test_seed_talliesMatchNaiveOracle() public view {
        for (uint256 id = 1; id <= gov.proposalCount(); ++id) {
            (uint256[] memory expected, uint256 abstain, uint256 participation, uint256 totalMass) =
                _oracle(id);
            (
                uint256[] memory tallies,
                uint256 abstain_,
                uint256 participation_,
                uint256 totalMass_
            ) = gov.proposalTally(id);
            assertEq(tallies, expected, "tallies");
            assertEq(abstain_, abstain, "abstain");
            assertEq(participation_, participation, "participation");
            assertEq(totalMass_, totalMass, "totalMass");
            assertGt(participation_, 0, "every proposal has votes");
        }
    }

    function test_seed_executableProposalPassesThroughTheTimelock() public {
        uint256 deadline = gov.proposalDeadline(exec);
        vm.warp(deadline + 1);
        assertEq(uint8(gov.state(exec)), uint8(ProposalState.Succeeded));
        address[] memory targets = new address[](1);
        targets[0] = address(gov);
        bytes[] memory calldatas = new bytes[](1);
        calldatas[0] = abi.encodeCall(IGovernanceSettings.setQuorum, (seed.PROPOSED_QUORUM_BPS()));
        gov.queue(exec, targets, new uint256[](1), calldatas);
        vm.warp(block.timestamp + 1 hours);
        gov.execute(exec, targets, new uint256[](1), calldatas);
        assertEq(gov.quorumBps(), 1500);
    }

    // ---------------------------------------------------------------- files and guards

    function test_writeDeployment_roundTrips() public {
        Deploy deploy = new Deploy();
        string memory path = deploy.deploymentPath("-deploy-test");
        deploy.writeDeployment(path, core, 42);
        (DeployCore.Core memory read, uint256 startBlock) = deploy.readDeployment(path);
        vm.removeFile(path);
        assertEq(read.adminFacet, core.adminFacet);
        assertEq(read.semaphoreVerifier, core.semaphoreVerifier);
        assertEq(read.anonymousFacet, core.anonymousFacet);
        assertEq(read.governorImplementation, core.governorImplementation);
        assertEq(read.factory, core.factory);
        assertEq(startBlock, 42);
    }

    function test_writeDemo_roundTrips() public {
        SeedDemo.Demo memory demo;
        demo.community = address(gov);
        demo.timelock = timelock;
        demo.startBlock = 7;
        demo.registrar = admin;
        demo.members = members;
        demo.weights = new uint64[](30);
        for (uint256 n = 1; n <= 30; ++n) {
            demo.weights[n - 1] = seed.demoWeight(n);
        }
        demo.firstBill = firstBill;
        demo.quadraticPoll = poll;
        demo.executableProposal = exec;
        string memory path = seed.deploymentPath("-demo-test");
        seed.writeDemo(path, demo);
        SeedDemo.Demo memory read = seed.readDemo(path);
        vm.removeFile(path);
        assertEq(keccak256(abi.encode(read)), keccak256(abi.encode(demo)));
    }

    function test_run_RevertWhen_SeedDemoRunWithoutStep() public {
        vm.expectRevert(SeedDemo.SeedDemoUseSteps.selector);
        seed.run();
    }

    function test_deployerKey_RevertWhen_NotAnvilAndNoKey() public {
        if (vm.envExists("PRIVATE_KEY")) return;
        vm.chainId(1);
        vm.expectRevert(abi.encodeWithSelector(Deploy.DeployMissingPrivateKey.selector, 1));
        seed.deployerKey();
    }

    function test_memberKeys_RevertWhen_PublicMnemonicOffAnvil() public {
        if (vm.envExists("MNEMONIC")) return;
        vm.chainId(1);
        vm.expectRevert(abi.encodeWithSelector(SeedDemo.SeedDemoPublicMnemonic.selector, 1));
        seed.memberKeys();
    }

    // ---------------------------------------------------------------- naive oracle (SPEC.md, "The tally")

    /// @dev Walks every member's snapshot chain to the first voter, one member at a time.
    function _oracle(uint256 id)
        internal
        view
        returns (
            uint256[] memory tallies,
            uint256 abstain,
            uint256 participation,
            uint256 totalMass
        )
    {
        (uint8 topic, VoteMode mode, uint8 optionCount,) = gov.proposalConfig(id);
        uint48 snapshot = uint48(gov.proposalSnapshot(id));
        bool quadratic = mode == VoteMode.Quadratic;
        tallies = new uint256[](optionCount);
        uint256[] memory carried = new uint256[](members.length);
        for (uint256 i; i < members.length; ++i) {
            uint256 mass = _mass(members[i], snapshot, quadratic);
            totalMass += mass;
            address target = members[i];
            while (target != address(0) && !gov.hasVoted(id, target)) {
                target = gov.pastDelegateOf(target, topic, snapshot);
            }
            if (target != address(0)) carried[_index(target)] += mass;
        }
        for (uint256 i; i < members.length; ++i) {
            if (carried[i] == 0) continue;
            participation += carried[i];
            (, uint8 option, uint32[] memory votes) = gov.ballotOf(id, members[i]);
            if (!quadratic) {
                if (option == gov.ABSTAIN()) abstain += carried[i];
                else tallies[option] += carried[i];
                continue;
            }
            uint256 own = _mass(members[i], snapshot, true);
            bool any;
            for (uint256 o; o < optionCount; ++o) {
                tallies[o] += uint256(votes[o]) * carried[i] * 1e9 / own;
                any = any || votes[o] != 0;
            }
            if (!any) abstain += carried[i];
        }
    }

    function _mass(address member, uint48 snapshot, bool quadratic)
        internal
        view
        returns (uint256)
    {
        uint256 weight = gov.pastWeightOf(member, snapshot);
        return quadratic ? Math.sqrt(weight * 1e18) : weight;
    }

    function _index(address member) internal view returns (uint256) {
        for (uint256 i; i < members.length; ++i) {
            if (members[i] == member) return i;
        }
        revert("not a member");
    }
}
